import { describe, expect, it } from 'vitest';
import { withAnalysisSlot } from './analysis-slot';

describe('analysis slot', () => {
  it('runs analyses one at a time, in arrival order, and refuses beyond the waiting limit', async () => {
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const job = (name: string) =>
      withAnalysisSlot(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        order.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`end ${name}`);
        running--;
        return name;
      });
    const accepted = Array.from({ length: 9 }, (_, i) => job(String(i)));
    const refused = job('overflow');
    await expect(refused).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
    expect(await Promise.all(accepted)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(maxRunning).toBe(1);
    expect(order.slice(0, 4)).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
    // The slot is free again afterwards.
    expect(await job('after')).toBe('after');
  });

  it('frees the slot when an analysis throws', async () => {
    await expect(withAnalysisSlot(async () => Promise.reject(new Error('bad image')))).rejects.toThrow(
      'bad image',
    );
    expect(await withAnalysisSlot(async () => 'next')).toBe('next');
  });
});
