import { type BlockedTimes, buildBlockedTimes } from './busy-index';
import { DAY_MS, MINUTE_MS, parseLocalDate } from './local-calendar';
import type { AppointmentTypeRules, BusyInterval, FindOpenSlotsInput, Slot } from './types';
import { compileHours, hoursOnDay } from './working-hours';
import { getZoneOffsets, wallToUtc, wallToUtcClamped } from './zone-offsets';

function assertRules(t: AppointmentTypeRules): void {
  const positive = { durationMinutes: t.durationMinutes, slotStepMinutes: t.slotStepMinutes };
  for (const [k, v] of Object.entries(positive)) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${k} must be a positive integer, got ${v}`);
  }
  const nonNegative = {
    bufferBeforeMinutes: t.bufferBeforeMinutes,
    bufferAfterMinutes: t.bufferAfterMinutes,
    minNoticeMinutes: t.minNoticeMinutes,
    horizonDays: t.horizonDays,
  };
  for (const [k, v] of Object.entries(nonNegative)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${k} must be ≥ 0, got ${v}`);
  }
}

/**
 * Free slots of one appointment type over clinic-local dates `fromDate…toDate` (inclusive).
 *
 * Invariants of every returned slot (UTC epoch ms; durations are real elapsed time, so a 3 h
 * procedure is 3 h even across a DST change):
 * - `start` is `intervalStart + k × slotStepMinutes` in LOCAL WALL time, for a working interval of the
 *   provider on that date; local times that do not exist (spring-forward gap) yield no slot, and a
 *   local time that exists twice (fall-back) means its first occurrence.
 * - `[start − bufferBefore, end + bufferAfter)` lies inside that working interval and overlaps no busy
 *   interval of the provider nor of any required resource (half-open: touching is allowed).
 * - `now + minNotice ≤ start < now + horizonDays × 24 h`.
 * - The provider may perform the type (and equals `input.providerId` when given); if a required
 *   resource is not listed in `input.resources`, no slot is returned.
 * Sorted by `start`, then `providerId`. Throws RangeError on malformed dates/times, an unknown zone,
 * `fromDate` after `toDate`, or non-positive duration/step.
 *
 * Cost: O(B log B + S) for B busy intervals in range and S candidate starts; zone offsets are
 * precomputed (and cached) once, so each candidate is a binary search plus integer arithmetic.
 */
export function findOpenSlots(input: FindOpenSlotsInput): Slot[] {
  const type = input.appointmentType;
  assertRules(type);
  const fromDay = parseLocalDate(input.fromDate);
  const toDay = parseLocalDate(input.toDate);
  if (toDay < fromDay) throw new RangeError(`fromDate ${input.fromDate} is after toDate ${input.toDate}`);

  const known = new Set(input.resources.map((r) => r.id));
  if (!type.resourceIds.every((id) => known.has(id))) return [];

  const allowed = new Set(type.providerIds);
  const providers = input.providers
    .filter((p) => allowed.has(p.id) && (input.providerId === undefined || p.id === input.providerId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (providers.length === 0) return [];

  // Local dates are at most ±14 h from UTC; a two-day margin covers every zone and the buffers.
  const windowStart = fromDay * DAY_MS - 2 * DAY_MS;
  const windowEnd = (toDay + 1) * DAY_MS + 2 * DAY_MS;
  const zone = getZoneOffsets(input.timeZone, windowStart, windowEnd);

  const requiredResources = new Set(type.resourceIds);
  const resourceBusy: BusyInterval[] = [];
  const busyByProvider = new Map<string, BusyInterval[]>();
  for (const p of providers) busyByProvider.set(p.id, []);
  for (const b of input.busy) {
    if (b.end <= windowStart || b.start >= windowEnd) continue;
    if (b.resourceId !== undefined && requiredResources.has(b.resourceId)) resourceBusy.push(b);
    else if (b.providerId !== undefined) busyByProvider.get(b.providerId)?.push(b);
  }

  const durationMs = type.durationMinutes * MINUTE_MS;
  const beforeMs = type.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = type.bufferAfterMinutes * MINUTE_MS;
  const step = type.slotStepMinutes;
  const earliest = input.now + type.minNoticeMinutes * MINUTE_MS;
  const latest = input.now + type.horizonDays * DAY_MS;

  const slots: Slot[] = [];
  for (const provider of providers) {
    const own = busyByProvider.get(provider.id)!;
    const blocked = buildBlockedTimes(own.concat(resourceBusy), windowStart, windowEnd);
    collectProviderSlots(slots, provider.id, blocked, compileHours(provider), fromDay, toDay, {
      zone,
      step,
      durationMs,
      beforeMs,
      afterMs,
      earliest,
      latest,
    });
  }
  slots.sort((a, b) => a.start - b.start || (a.providerId < b.providerId ? -1 : 1));
  return slots;
}

interface SlotParams {
  zone: ReturnType<typeof getZoneOffsets>;
  step: number;
  durationMs: number;
  beforeMs: number;
  afterMs: number;
  earliest: number;
  latest: number;
}

function collectProviderSlots(
  out: Slot[],
  providerId: string,
  blocked: BlockedTimes,
  hours: ReturnType<typeof compileHours>,
  fromDay: number,
  toDay: number,
  p: SlotParams,
): void {
  const { starts, ends } = blocked;
  // Candidate starts only grow (first-occurrence mapping is monotone), so one pointer sweeps the
  // blocked list once for the whole range.
  let cursor = 0;
  for (let day = fromDay; day <= toDay; day++) {
    const dayWall = day * DAY_MS;
    if (dayWall - DAY_MS >= p.latest) return;
    for (const [ls, le] of hoursOnDay(hours, day)) {
      const workStart = wallToUtcClamped(p.zone, dayWall + ls * MINUTE_MS);
      const workEnd = wallToUtcClamped(p.zone, dayWall + le * MINUTE_MS);
      for (let wall = ls; wall < le; wall += p.step) {
        const start = wallToUtc(p.zone, dayWall + wall * MINUTE_MS);
        if (start === null) continue;
        const occStart = start - p.beforeMs;
        const end = start + p.durationMs;
        const occEnd = end + p.afterMs;
        if (occEnd > workEnd || start >= p.latest) break;
        if (occStart < workStart || start < p.earliest) continue;
        while (cursor < ends.length && ends[cursor]! <= occStart) cursor++;
        if (cursor < starts.length && starts[cursor]! < occEnd) continue;
        out.push({ start, end, providerId });
      }
    }
  }
}
