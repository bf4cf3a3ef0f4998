import { describe, expect, it } from 'vitest';
import { rootAtStart } from './root-end';
import type { StrandEnd } from './trace-strands';

const free = (x: number): StrandEnd => ({ x, y: 10, kind: 'free', unpaired: 1, r: 2 });

describe('root end of a strand lying inside the frame', () => {
  it('keeps the rules’ choice when the ends look alike', () => {
    expect(rootAtStart(free(0), free(40), true, [0.05, 0.05], [1.2, 1.2])).toBe(true);
    expect(rootAtStart(free(0), free(40), false, [0.05, 0.05], [1.2, 1.2])).toBe(false);
  });

  it('takes the end with the clearly darker follicle halo over the rules’ choice', () => {
    expect(rootAtStart(free(0), free(40), false, [0.2, 0.02], [1.2, 1.2])).toBe(true);
  });

  it('does not depend on which end the tracer called the start', () => {
    const ends: [StrandEnd, StrandEnd] = [free(0), { ...free(40), kind: 'junction', unpaired: 1 }];
    const forward = rootAtStart(ends[0], ends[1], true, [0.09, 0.06], [1.4, 1.1]);
    const backward = rootAtStart(ends[1], ends[0], false, [0.06, 0.09], [1.1, 1.4]);
    expect(backward).toBe(!forward);
  });
});
