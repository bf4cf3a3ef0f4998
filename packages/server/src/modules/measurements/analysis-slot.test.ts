import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../config';
import { migrateToLatest } from '../../db/migrate';
import { fixedClock } from '../../lib/clock';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/dialects';
import { TEST_NOW } from '../../test/test-now';
import { withAnalysisSlot } from './analysis-slot';
import { analysisQueue, takeSlot } from './analysis-slot.repository';

describe.each(DIALECTS)('analysis slot on %s', (dialect) => {
  let t: TestDatabase;
  const clock = fixedClock(TEST_NOW);
  const deps = () => ({ db: t.db, clock, config: testConfig({ analysisSlots: 1 }) });
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await migrateToLatest(t.db.kysely);
  });
  afterAll(() => t.drop());

  it('runs analyses one at a time, in arrival order, and refuses beyond the waiting limit', async () => {
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const job = (name: string) =>
      withAnalysisSlot(deps(), async () => {
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
    expect(await job('after')).toBe('after');
  });

  it('frees the slot when an analysis throws', async () => {
    await expect(
      withAnalysisSlot(deps(), async () => Promise.reject(new Error('bad image'))),
    ).rejects.toThrow('bad image');
    expect(await withAnalysisSlot(deps(), async () => 'next')).toBe('next');
  });

  it('shares the limit through the database: a slot held by another server makes this one wait or refuse', async () => {
    // "Another server": the slot row taken directly, as a second process would.
    expect(await takeSlot(t.db, 1, 'other-server', clock.now(), 60_000)).toBe(1);
    expect(await analysisQueue(t.db.kysely, 1, clock.now())).toMatchObject({ running: 1 });
    await expect(withAnalysisSlot(deps(), async () => 'x', { waitMs: 0 })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    await expect(withAnalysisSlot(deps(), async () => 'x', { waitMs: 300 })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
    // The other server died: once its expiry passes the slot is free again.
    clock.advance(61_000);
    expect(await withAnalysisSlot(deps(), async () => 'after expiry', { waitMs: 0 })).toBe('after expiry');
    expect(await analysisQueue(t.db.kysely, 1, clock.now())).toMatchObject({ running: 0 });
  });

  it('never hands one slot to two takers at once', async () => {
    const now = clock.now();
    const got = await Promise.all(
      Array.from({ length: 10 }, (_, i) => takeSlot(t.db, 1, `taker-${i}`, now, 60_000)),
    );
    expect(got.filter((s) => s !== null)).toEqual([1]);
    clock.advance(61_000);
  });
});
