import { describe, expect, it } from 'vitest';
import { nonZeroIndices } from './mask-pixels';

describe('nonZeroIndices', () => {
  it('lists non-zero bytes in order, aligned or not, into a new array or a growing scratch slot', () => {
    const n = 4099; // not a multiple of 4
    const bytes = new Uint8Array(n + 1);
    const expected: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i % 7 === 0 || (i > 3000 && i < 3100) || i >= n - 3) {
        bytes[i + 1] = (i % 3) + 1;
        expected.push(i);
      }
    }
    const unaligned = bytes.subarray(1);
    expect(Array.from(nonZeroIndices(unaligned))).toEqual(expected);
    const aligned = new Uint8Array(unaligned);
    expect(Array.from(nonZeroIndices(aligned))).toEqual(expected);
    // Dense enough to outgrow the slot's initial quarter-image size.
    expect(Array.from(nonZeroIndices(new Uint8Array(n).fill(1), 3))).toEqual(
      Array.from({ length: n }, (_, i) => i),
    );
    expect(Array.from(nonZeroIndices(aligned, 3))).toEqual(expected);
    expect(nonZeroIndices(new Uint8Array(12), 3)).toHaveLength(0);
  });
});
