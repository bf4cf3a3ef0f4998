import type { PublicationVerification } from '@anagen/core/contracts';
import { monthsBetween } from '@anagen/core/publications';
import type { PhotoTable } from '../photos/photos.table';
import type { PublicationsDeps } from './publication-access';
import { listFollowedPlans, listSignedSessions } from './publications.repository';

/**
 * What the public page states about a pair, fixed when the patient consents: capture dates,
 * months since the patient's first treatment, view and protocol, every treatment between the two
 * dates (sessions counted, plans without sessions such as a medicine named "also took …"), and the
 * hashes and operations that tie the published files to the stored originals.
 */
export async function buildVerification(
  deps: PublicationsDeps,
  patientId: string,
  before: PhotoTable,
  after: PhotoTable,
  derived: {
    pixelSha256: { before: string; after: string };
    operations: string[];
    width: number;
    height: number;
  },
): Promise<PublicationVerification> {
  const from = Number(before.taken_at);
  const to = Number(after.taken_at);
  const [sessions, plans] = await Promise.all([
    listSignedSessions(deps.db, patientId),
    listFollowedPlans(deps.db, patientId),
  ]);
  const name = (slug: string) => deps.library?.treatments.find((t) => t.slug === slug)?.name ?? slug;
  const firstTreatmentAt = Math.min(
    ...sessions.map((s) => s.performed_at),
    ...plans
      .filter((p) => !sessions.some((s) => s.treatment_slug === p.treatment_slug))
      .map((p) => p.created_at),
  );
  const counts = new Map<string, number>();
  for (const s of sessions) {
    if (s.performed_at > from && s.performed_at <= to)
      counts.set(s.treatment_slug, (counts.get(s.treatment_slug) ?? 0) + 1);
  }
  const treatmentsBetween = [...counts].map(
    ([slug, n]) => `${name(slug)}: ${n} session${n === 1 ? '' : 's'}`,
  );
  for (const p of plans) {
    if (counts.has(p.treatment_slug) || sessions.some((s) => s.treatment_slug === p.treatment_slug)) continue;
    // A plan without sessions (a medicine) counts when it was started before the after photo and
    // not ended before the before photo.
    const ended = p.status === 'active' ? Number.POSITIVE_INFINITY : p.updated_at;
    if (p.created_at <= to && ended >= from) treatmentsBetween.push(`also took ${name(p.treatment_slug)}`);
  }
  const calibrated = before.um_per_px !== null;
  const protocol = calibrated
    ? `Same view (${before.view}${before.site ? `, site ${before.site}` : ''}) and the same calibration (${Number(before.um_per_px)} µm per pixel); both close-ups taken by the clinic.`
    : `Same standard view (${before.view}), both taken by the clinic under its standard-view protocol; not calibrated for size.`;
  return {
    view: before.view,
    site: before.site,
    takenAt: { before: new Date(from).toISOString(), after: new Date(to).toISOString() },
    protocol,
    umPerPx: calibrated ? Number(before.um_per_px) : null,
    firstTreatmentAt: Number.isFinite(firstTreatmentAt) ? new Date(firstTreatmentAt).toISOString() : null,
    monthsSinceFirstTreatment: Number.isFinite(firstTreatmentAt) ? monthsBetween(firstTreatmentAt, to) : null,
    monthsBetween: monthsBetween(from, to),
    treatmentsBetween,
    originalPixelsSha256: derived.pixelSha256,
    operations: derived.operations,
    published: { width: derived.width, height: derived.height },
  };
}
