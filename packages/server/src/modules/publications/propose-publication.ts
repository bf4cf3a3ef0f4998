import type { Actor } from '@anagen/core/access';
import { FULL_CROP, type MeasuredChange, type ProposePublication } from '@anagen/core/contracts';
import { clinicChangeRange, isOutsideRange, monthsBetween } from '@anagen/core/publications';
import { AppError, fieldError } from '../../errors';
import { newId } from '../../lib/ids';
import { compareDeltas } from '../measurements/compare-deltas';
import { listMeasurementRows } from '../measurements/measurements.repository';
import { planTreatmentSlug } from '../measurements/patient-treatment';
import { getOutcomes } from '../outcomes/get-outcomes';
import type { PhotoTable } from '../photos/photos.table';
import { auditPublication, type PublicationsDeps, type RequestMeta } from './publication-access';
import {
  findLivePair,
  findPatientAccount,
  findPhotos,
  insertPublication,
  listSignedSessions,
} from './publications.repository';

/**
 * A clinician proposes two photos of one patient for publication. Nothing is derived or public
 * yet: the pair waits for the patient's consent. Refused (nothing stored) unless both photos are
 * the patient's own clinic-taken standard photos of the same view, site and calibration, in time
 * order, with the same framing; and a pair whose measured change lies outside the clinic's own
 * spread needs a staff note that will be shown with it.
 */
export async function proposePublication(
  deps: PublicationsDeps,
  actor: Actor,
  input: ProposePublication & { patientId: string },
  meta: RequestMeta = {},
): Promise<{ id: string; status: 'awaiting-consent' }> {
  // The route declares the patient scope (config.patient): checked and audited before this runs.
  const patient = await findPatientAccount(deps.db, input.patientId);
  if (!patient) throw new AppError('NOT_FOUND', 'Patient was not found.');
  if (input.beforePhotoId === input.afterPhotoId) {
    throw fieldError('afterPhotoId', 'choose two different photos');
  }
  const photos = await findPhotos(deps.db, [input.beforePhotoId, input.afterPhotoId]);
  // Unknown and another patient's photos get the same answer: no such photo of this patient.
  const own = (id: string) => photos.find((p) => p.id === id && p.patient_id === input.patientId);
  const before = own(input.beforePhotoId);
  const after = own(input.afterPhotoId);
  if (!before) throw fieldError('beforePhotoId', 'no such photo of this patient');
  if (!after) throw fieldError('afterPhotoId', 'no such photo of this patient');
  checkPair(before, after, patient.user_id);

  const treatment = await planTreatmentSlug(deps.db, input.patientId);
  if (!treatment) {
    throw new AppError(
      'UNPROCESSABLE',
      'This patient has no treatment plan, so the result has no treatment to show under.',
    );
  }
  if (await findLivePair(deps.db, before.id, after.id)) {
    throw new AppError('CONFLICT', 'This pair is already proposed or published.');
  }
  const measuredChange = await measureChange(deps, actor, input.patientId, treatment, before, after, meta);
  if (measuredChange?.outsideClinicRange && !input.note) {
    throw fieldError(
      'note',
      'the measured change lies outside the clinic’s own 10th–90th percentile: write a note to show with the pair',
    );
  }
  const id = newId();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertPublication(trx, {
      id,
      patient_id: input.patientId,
      treatment_slug: treatment,
      before_photo_id: before.id,
      after_photo_id: after.id,
      crop_json: JSON.stringify(input.crop ?? FULL_CROP),
      note: input.note ?? null,
      measured_change_json: measuredChange ? JSON.stringify(measuredChange) : null,
      status: 'awaiting-consent',
      show_face: null,
      before_key: null,
      after_key: null,
      before_sha256: null,
      after_sha256: null,
      verification_json: null,
      proposed_by: actor.userId,
      proposed_at: now,
      consented_at: null,
      withdrawn_at: null,
      withdrawn_by: null,
    });
    await auditPublication(
      trx,
      deps,
      actor,
      {
        action: 'publication.create',
        resourceId: id,
        patientId: input.patientId,
        detail: JSON.stringify({ before: before.id, after: after.id, note: input.note ?? null }),
      },
      meta,
    );
  });
  return { id, status: 'awaiting-consent' };
}

function checkPair(before: PhotoTable, after: PhotoTable, patientUserId: string | null): void {
  const refuse = (detail: string) => new AppError('UNPROCESSABLE', detail);
  if (before.view !== after.view) throw refuse('Both photos must show the same view.');
  if ((before.site ?? null) !== (after.site ?? null))
    throw refuse('Both close-ups must be of the same scalp site.');
  const umA = before.um_per_px === null ? null : Number(before.um_per_px);
  const umB = after.um_per_px === null ? null : Number(after.um_per_px);
  if (umA !== umB) throw refuse('Both photos must have the same calibration (µm per pixel).');
  if (Number(after.taken_at) <= Number(before.taken_at)) {
    throw refuse('The after photo must be taken later than the before photo.');
  }
  for (const p of [before, after]) {
    // A photo the patient added from their own phone was not taken under the clinic's protocol.
    if (p.uploaded_by === null || (patientUserId !== null && p.uploaded_by === patientUserId)) {
      throw refuse('Only standardized photos taken by the clinic can be published, not the patient’s own.');
    }
    if (p.view === 'trichoscopy' && p.um_per_px === null) {
      throw refuse('A close-up without calibration is not a standardized photo.');
    }
  }
  const ratio = (p: PhotoTable) => p.width / p.height;
  if (Math.abs(ratio(before) / ratio(after) - 1) > 0.01) {
    throw refuse('The two photos are framed differently (different aspect ratios).');
  }
}

/**
 * The pair's measured density change from the same-visit close-ups (as the compare view finds
 * them), set against the clinic's own spread at the nearest follow-up month from the outcomes
 * figures. Null when either visit has no close-up measurement.
 */
async function measureChange(
  deps: PublicationsDeps,
  actor: Actor,
  patientId: string,
  treatment: string,
  before: PhotoTable,
  after: PhotoTable,
  meta: RequestMeta,
): Promise<MeasuredChange | null> {
  const deltas = compareDeltas(await listMeasurementRows(deps.db, patientId), before, after);
  const density = deltas.find((d) => d.metric === 'densityPerCm2');
  if (!density) return null;
  const sessions = await listSignedSessions(deps.db, patientId);
  const start = sessions.find((s) => s.treatment_slug === treatment)?.performed_at ?? Number(before.taken_at);
  const months = monthsBetween(start, Number(after.taken_at));
  const outcomes = await getOutcomes(deps, actor, { treatment }, meta);
  const clinicRange = clinicChangeRange(outcomes.density, months);
  return {
    site: density.site,
    densityBefore: density.a,
    densityAfter: density.b,
    change: density.abs,
    clinicRange,
    outsideClinicRange: isOutsideRange(density.abs, clinicRange),
  };
}
