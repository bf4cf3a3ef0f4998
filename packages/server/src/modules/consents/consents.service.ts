import { createHash } from 'node:crypto';
import { typedNameMatches } from '@anagen/core/care';
import type { CareTemplate, ConsentStatus, ConsentsOverview, SignedConsent } from '@anagen/core/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { findActiveTemplate, findTemplate } from '../care-templates/care-templates.repository';
import { insertSignature, listSignatures, toSignedConsent, treatmentsInPlay } from './consents.repository';

/** The exact text a patient signs: title, version and body, as shown in the portal. */
export function consentText(t: Pick<CareTemplate, 'title' | 'version' | 'body'>): string {
  return `${t.title} (version ${t.version})\n\n${t.body}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Whether the patient still has to sign the consent for a treatment before a procedure. Used by
 * the booking check-in (warning, not a block) and the portal. `missing` is false when the clinic
 * has no active consent template for the treatment (`required: false`).
 */
export async function missingConsent(
  db: Kysely<Database>,
  patientId: string,
  treatmentSlug: string,
): Promise<ConsentStatus> {
  const current = await findActiveTemplate(db, 'consent', treatmentSlug);
  const signed = (await listSignatures(db, patientId)).filter((s) => s.treatmentSlug === treatmentSlug);
  const latestSigned = signed.reduce<SignedConsent | null>(
    (a, s) => (!a || s.version > a.version ? s : a),
    null,
  );
  if (!current) {
    return {
      treatmentSlug,
      required: false,
      currentVersion: null,
      signedVersion: latestSigned?.version ?? null,
      missing: false,
      message: null,
    };
  }
  const hasCurrent = signed.some((s) => s.templateId === current.id);
  return {
    treatmentSlug,
    required: true,
    currentVersion: current.version,
    signedVersion: latestSigned?.version ?? null,
    missing: !hasCurrent,
    message: hasCurrent
      ? null
      : latestSigned
        ? `Consent for ${treatmentSlug} was signed for version ${latestSigned.version}; version ${current.version} is now in force and is not signed yet.`
        : `Consent for ${treatmentSlug} (version ${current.version}) has not been signed yet.`,
  };
}

/** Consents to sign (for the treatments the patient is heading for) and those already signed. */
export async function consentOverview(
  db: Kysely<Database>,
  patientId: string,
  now: number,
): Promise<ConsentsOverview> {
  const signed = await listSignatures(db, patientId);
  const due: ConsentsOverview['due'] = [];
  for (const slug of await treatmentsInPlay(db, patientId, now)) {
    const t = await findActiveTemplate(db, 'consent', slug);
    if (!t || signed.some((s) => s.templateId === t.id)) continue;
    due.push({
      ...t,
      reason: signed.some((s) => s.treatmentSlug === slug) ? 'newer-version' : 'never-signed',
    });
  }
  return { due, signed };
}

export interface SignConsentInput {
  patientId: string;
  patientName: string;
  templateId: string;
  typedName: string;
  userId: string;
  ip: string | null;
  now: number;
}

/**
 * Stores a patient's signature over the exact text of the version in force, with its SHA-256 and
 * the server's time. Refuses withdrawn or superseded versions, a typed name that is not the
 * patient's, and a second signature of the same version.
 */
export async function signConsent(db: Kysely<Database>, input: SignConsentInput): Promise<SignedConsent> {
  const t = await findTemplate(db, input.templateId);
  if (t?.kind !== 'consent') throw notFound('Consent form');
  if (t.status === 'withdrawn') {
    throw new AppError(
      'CONSENT_NOT_SIGNABLE',
      'This version of the consent form was withdrawn by the clinic and cannot be signed.',
    );
  }
  if (t.status === 'superseded') {
    throw new AppError(
      'CONSENT_NOT_SIGNABLE',
      'A newer version of this consent form exists. Please read and sign that one.',
    );
  }
  if (!typedNameMatches(input.typedName, input.patientName)) {
    throw new AppError('UNPROCESSABLE', 'The name you typed does not match the name on your record.', {
      errors: [{ path: 'body.typedName', message: 'Type your full name as it appears on your record' }],
    });
  }
  const already = (await listSignatures(db, input.patientId)).some((s) => s.templateId === t.id);
  if (already) throw new AppError('CONFLICT', 'You have already signed this version of the consent form.');
  const text = consentText(t);
  const row = {
    id: newId(),
    patient_id: input.patientId,
    template_id: t.id,
    treatment_slug: t.treatmentSlug,
    version: t.version,
    title: t.title,
    signed_text: text,
    text_sha256: sha256Hex(text),
    typed_name: input.typedName.trim(),
    signed_at: input.now,
    user_id: input.userId,
    ip: input.ip,
  };
  try {
    await insertSignature(db, row);
  } catch (err) {
    // The unique (patient, template) constraint catches a double submit racing the check above.
    if (/unique|duplicate/i.test(String(err))) {
      throw new AppError('CONFLICT', 'You have already signed this version of the consent form.');
    }
    throw err;
  }
  return toSignedConsent(row);
}
