import { describe, expect, it } from 'vitest';
import { BORDER_STRAND_MODEL } from './border-strand-model';
import { type BorderStrandEvidence, borderRootProbability, borderStrandFeatures } from './border-strands';

const clear: BorderStrandEvidence = {
  rootAtBorder: false,
  probability: 0.98,
  lengthUm: 900,
  radiusUm: 40,
  haloInner: 0.12,
  haloOuter: 0.03,
  bulgeInner: 1.4,
  innerKind: 'free',
};
// A short, faint strand whose only claim to a root is the border band: a hair entering from outside.
const stub: BorderStrandEvidence = {
  ...clear,
  rootAtBorder: true,
  probability: 0.85,
  lengthUm: 120,
  haloInner: 0.02,
  haloOuter: 0.02,
};

describe('border strands (a hair rooted inside, or one entering from outside)', () => {
  it('keeps a long, clearly shaft-like strand cut by the frame and drops a short faint piece', () => {
    expect(borderRootProbability(clear)).toBeGreaterThanOrEqual(BORDER_STRAND_MODEL.keep);
    expect(borderRootProbability(stub)).toBeLessThan(BORDER_STRAND_MODEL.keep);
  });

  it('trusts a strand more the longer and the more shaft-like it is', () => {
    const p = (e: Partial<BorderStrandEvidence>) => borderRootProbability({ ...stub, ...e });
    expect(p({ lengthUm: 600 })).toBeGreaterThan(p({ lengthUm: 150 }));
    expect(p({ probability: 0.99 })).toBeGreaterThan(p({ probability: 0.85 }));
  });

  it('has one weight, mean and spread per feature', () => {
    const k = borderStrandFeatures(clear).length;
    expect(BORDER_STRAND_MODEL.weights).toHaveLength(k);
    expect(BORDER_STRAND_MODEL.mean).toHaveLength(k);
    expect(BORDER_STRAND_MODEL.sd).toHaveLength(k);
  });
});
