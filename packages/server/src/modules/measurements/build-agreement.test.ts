import { describe, expect, it } from 'vitest';
import { buildAgreement, type VerifiedPair } from './build-agreement';

const pair = (i: number, engineVersion: string, autoCount: number, verifiedCount: number): VerifiedPair => ({
  verifiedId: `v${i}`,
  autoId: `a${i}`,
  verifiedCount,
  autoCount,
  umPerPx: 2.8,
  engineVersion,
  verifiedAt: i,
});

describe('buildAgreement', () => {
  it('orders engine versions by their numbers, so 0.10.0 follows 0.9.0', () => {
    const a = buildAgreement([
      pair(1, 'anagen-hair/0.10.0', 12, 11),
      pair(2, 'anagen-hair/0.9.0', 14, 10),
      pair(3, 'anagen-hair/0.4.0', 20, 12),
    ]);
    expect(a.groups.map((g) => g.engineVersion)).toEqual([
      'anagen-hair/0.4.0',
      'anagen-hair/0.9.0',
      'anagen-hair/0.10.0',
    ]);
    expect(a.groups.map((g) => g.images[0]!.difference)).toEqual([8, 4, 1]);
  });
});
