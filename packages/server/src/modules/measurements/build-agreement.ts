import type { MeasurementAgreement } from '@anagen/core/contracts';
import { blandAltman } from '@anagen/core/hair-review';

export interface VerifiedPair {
  verifiedId: string;
  autoId: string;
  verifiedCount: number;
  autoCount: number;
  umPerPx: number | null;
  engineVersion: string | null;
  verifiedAt: number;
}

/**
 * Automatic against verified hair count per image (the latest verification of each automatic
 * measurement), overall and grouped by dermoscope calibration and engine version. Difference is
 * automatic − verified.
 */
export function buildAgreement(pairs: readonly VerifiedPair[]): MeasurementAgreement {
  const latest = new Map<string, VerifiedPair>();
  for (const p of pairs) {
    const prev = latest.get(p.autoId);
    if (!prev || p.verifiedAt >= prev.verifiedAt) latest.set(p.autoId, p);
  }
  const images = [...latest.values()];
  const groups = new Map<string, VerifiedPair[]>();
  for (const p of images) {
    const k = `${p.umPerPx ?? ''}|${p.engineVersion ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  const stats = (list: VerifiedPair[]) =>
    blandAltman(list.map((p) => ({ a: p.autoCount, b: p.verifiedCount })));
  return {
    overall: stats(images),
    groups: [...groups.values()]
      .sort(
        (a, b) =>
          (a[0]!.umPerPx ?? 0) - (b[0]!.umPerPx ?? 0) ||
          // numeric, so that engine 0.10.0 follows 0.9.0
          (a[0]!.engineVersion ?? '').localeCompare(b[0]!.engineVersion ?? '', 'en', { numeric: true }),
      )
      .map((list) => ({
        ...stats(list),
        umPerPx: list[0]!.umPerPx,
        engineVersion: list[0]!.engineVersion,
        images: list.map((p) => ({
          verifiedId: p.verifiedId,
          autoId: p.autoId,
          auto: p.autoCount,
          verified: p.verifiedCount,
          difference: p.autoCount - p.verifiedCount,
          verifiedAt: p.verifiedAt,
        })),
      })),
  };
}
