import type { Actor } from '@anagen/core/access';
import type { Block, createBlockSchema } from '@anagen/core/contracts';
import { DAY_MS } from '@anagen/core/scheduling';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { recordAudit } from '../audit/audit.service';
import { iso, toBlock } from '../booking/appointment-dto';
import { lockRows, withBookingTransaction } from '../booking/booking-lock.repository';
import {
  deleteBlock,
  hasLiveAppointmentIn,
  insertBlock,
  providerExists,
  resourceExists,
} from './calendar.repository';

/**
 * Takes a provider or a room out of the schedule for a while. Runs in the booking transaction with
 * the same locks as a booking, so a block and a booking cannot both claim the same time.
 */
export async function blockTime(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor,
  input: { block: z.infer<typeof createBlockSchema>; ip: string },
): Promise<Block> {
  const { db, clock } = deps;
  const { block, ip } = input;
  const start = Date.parse(block.start);
  const end = Date.parse(block.end);
  if (!(end > start) || end - start > 14 * DAY_MS) {
    throw new AppError('VALIDATION_FAILED', 'A block must end after it starts and last at most 14 days.');
  }
  const { providerId, resourceId } = block;
  const row = {
    id: newId(),
    provider_id: providerId ?? null,
    resource_id: resourceId ?? null,
    start_at: start,
    end_at: end,
    reason: block.reason ?? null,
    created_by: actor.userId,
    created_at: clock.now(),
  };
  await withBookingTransaction(db, async (trx) => {
    if (providerId && !(await providerExists(trx, providerId))) throw notFound('Provider');
    if (resourceId && !(await resourceExists(trx, resourceId))) throw notFound('Room or resource');
    await lockRows(trx, db, providerId ? [providerId] : [], resourceId ? [resourceId] : []);
    // Blocking over a live appointment would hide it from the schedule's logic: move it first.
    if (await hasLiveAppointmentIn(trx, { providerId, resourceId, start, end })) {
      throw new AppError('CONFLICT', 'There is an appointment in that time. Move or cancel it first.');
    }
    await insertBlock(trx, row);
    await recordAudit(
      trx,
      { actor, at: clock.now(), ip },
      { action: 'block.create', resource: 'block', resourceId: row.id },
    );
  });
  return toBlock(row);
}

/** Removes a block; removed and audited together, with what it covered, so the log says what was freed. */
export async function removeBlock(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  actor: Actor | null,
  input: { id: string; ip: string },
): Promise<void> {
  const { db, clock } = deps;
  await db.kysely.transaction().execute(async (trx) => {
    const block = await deleteBlock(trx, input.id);
    if (!block) throw notFound('Block');
    await recordAudit(
      trx,
      { actor, at: clock.now(), ip: input.ip },
      {
        action: 'block.delete',
        resource: 'block',
        resourceId: input.id,
        detail: `${iso(block.start_at)}…${iso(block.end_at)}${block.reason ? ` (${block.reason})` : ''}`,
      },
    );
  });
}
