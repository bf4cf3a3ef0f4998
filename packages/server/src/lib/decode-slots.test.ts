import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createDecodeSlots } from './decode-slots';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

describe('decode slots', () => {
  it('runs at most `max` at once, queues a few more, refuses the rest with 503 and Retry-After', async () => {
    const slots = createDecodeSlots(2, 1);
    const g = gate();
    let running = 0;
    let peak = 0;
    const job = () =>
      slots.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await g.opened;
        running--;
        return 'done';
      });
    const accepted = [job(), job(), job()];
    await Promise.resolve();
    expect([slots.active, slots.waiting]).toEqual([2, 1]);
    const refused = await job().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 503, code: 'SERVER_BUSY', extra: { retryAfterSeconds: 5 } });
    g.open();
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done']);
    expect(peak).toBe(2);
    expect([slots.active, slots.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when the work fails', async () => {
    const slots = createDecodeSlots(1, 0);
    await expect(slots.run(() => Promise.reject(new Error('bad image')))).rejects.toThrow('bad image');
    expect(await slots.run(async () => 1)).toBe(1);
  });
});
