import type {
  MeasuredChange,
  Publication,
  PublicationCrop,
  PublicationVerification,
  PublicResult,
} from '@anagen/core/contracts';
import { faceCanShow } from '@anagen/core/publications';
import type { PhotoTable } from '../photos/photos.table';
import type { PublicationTable } from './publications.table';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

/** The public URL of a published file: versioned by its own hash, so a new version is a new URL. */
const publicFileUrl = (id: string, role: 'before' | 'after', sha256: string) =>
  `/api/public/results/${id}/${role}-${sha256.slice(0, 16)}.jpg`;
const verifyPageUrl = (id: string) => `/results/${id}/verify`;

export function toPublication(
  row: PublicationTable,
  photos: { before: PhotoTable; after: PhotoTable },
): Publication {
  return {
    id: row.id,
    patientId: row.patient_id,
    treatment: row.treatment_slug,
    status: row.status,
    beforePhotoId: row.before_photo_id,
    afterPhotoId: row.after_photo_id,
    view: photos.before.view,
    beforeTakenAt: iso(photos.before.taken_at)!,
    afterTakenAt: iso(photos.after.taken_at)!,
    crop: JSON.parse(row.crop_json) as PublicationCrop,
    note: row.note,
    measuredChange: parse<MeasuredChange>(row.measured_change_json),
    faceCanShow: faceCanShow(photos.before.view),
    showFace: row.show_face === null ? null : row.show_face === 1,
    proposedAt: iso(row.proposed_at)!,
    consentedAt: iso(row.consented_at),
    withdrawnAt: iso(row.withdrawn_at),
    previewUrls: {
      before: `/api/publications/${row.id}/preview/before`,
      after: `/api/publications/${row.id}/preview/after`,
    },
    verifyUrl: row.status === 'published' ? verifyPageUrl(row.id) : null,
  };
}

/** A published row as the public sees it; null for anything not (fully) published. */
export function toPublicResult(row: PublicationTable): PublicResult | null {
  const v = parse<PublicationVerification>(row.verification_json);
  if (row.status !== 'published' || !v || !row.before_sha256 || !row.after_sha256) return null;
  return {
    id: row.id,
    treatment: row.treatment_slug,
    before: {
      url: publicFileUrl(row.id, 'before', row.before_sha256),
      sha256: row.before_sha256,
      takenAt: v.takenAt.before,
    },
    after: {
      url: publicFileUrl(row.id, 'after', row.after_sha256),
      sha256: row.after_sha256,
      takenAt: v.takenAt.after,
    },
    monthsSinceFirstTreatment: v.monthsSinceFirstTreatment,
    treatmentsBetween: v.treatmentsBetween,
    verifyUrl: verifyPageUrl(row.id),
    view: v.view,
    protocol: v.protocol,
    operations: v.operations,
    originalPixelsSha256: v.originalPixelsSha256,
    showFace: row.show_face === 1,
    note: row.note,
    measuredChange: parse<MeasuredChange>(row.measured_change_json),
    publishedAt: iso(row.consented_at)!,
  };
}
