import { findOpenSlots } from './find-open-slots';
import { DAY_MS, formatLocalDate, MINUTE_MS, parseLocalDate } from './local-calendar';
import type { LocalDate, SchedulingContext, Slot } from './types';
import { getZoneOffsets, utcToWall } from './zone-offsets';

export interface ProposeSeriesInput extends SchedulingContext {
  /** Target date of session 0 (clinic-local). Session k targets `firstDate + k × intervalDays`. */
  firstDate: LocalDate;
  /** Number of sessions, ≥ 1. */
  count: number;
  /** Calendar days between target dates, ≥ 1 (local days, so DST does not shift them). */
  intervalDays: number;
  /** A session may land up to this many local days before or after its target, ≥ 0. */
  toleranceDays: number;
  /** How many ranked alternatives to return per session besides the chosen slot (default 5). */
  maxAlternatives?: number;
}

export interface SeriesSession {
  index: number;
  targetDate: LocalDate;
  /** The proposed slot, or `null` when nothing fits within the tolerance. */
  slot: Slot | null;
  /** Next-best slots in ranking order, compatible with the sessions chosen before this one. */
  alternatives: Slot[];
}

export interface SeriesProposal {
  sessions: SeriesSession[];
}

interface Candidate {
  slot: Slot;
  day: number;
  minuteOfDay: number;
}

function assertSeries(input: ProposeSeriesInput): void {
  const checks: [string, number, number][] = [
    ['count', input.count, 1],
    ['intervalDays', input.intervalDays, 1],
    ['toleranceDays', input.toleranceDays, 0],
  ];
  for (const [name, v, min] of checks) {
    if (!Number.isInteger(v) || v < min)
      throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  }
}

/**
 * Proposes one slot per session of a treatment series, greedily in session order.
 *
 * For session k the candidates are the open slots (see findOpenSlots) whose LOCAL date is within
 * `±toleranceDays` of its target, that start after the previous proposed session and whose occupied
 * span (buffers included) overlaps no session already proposed. They are ranked by:
 * 1. distance in days from the target date (nearest first),
 * 2. same provider as the anchor session (the first session that got a slot),
 * 3. distance of the local time of day from the anchor's,
 * 4. start, then providerId.
 * Session 0 (no anchor yet) is ranked by distance, then earliest start. The result is a proposal,
 * not a reservation: the booking service must still book all sessions atomically.
 */
export function proposeSeries(input: ProposeSeriesInput): SeriesProposal {
  assertSeries(input);
  const type = input.appointmentType;
  const firstDay = parseLocalDate(input.firstDate);
  const targets = Array.from({ length: input.count }, (_, k) => firstDay + k * input.intervalDays);
  const lastDay = targets[targets.length - 1]! + input.toleranceDays;
  const slots = findOpenSlots({
    ...input,
    fromDate: formatLocalDate(firstDay - input.toleranceDays),
    toDate: formatLocalDate(lastDay),
  });
  const zone = getZoneOffsets(
    input.timeZone,
    (firstDay - input.toleranceDays - 2) * DAY_MS,
    (lastDay + 3) * DAY_MS,
  );
  const candidates: Candidate[] = slots.map((slot) => {
    const wallMinutes = Math.floor(utcToWall(zone, slot.start) / MINUTE_MS);
    const day = Math.floor(wallMinutes / 1440);
    return { slot, day, minuteOfDay: wallMinutes - day * 1440 };
  });

  const beforeMs = type.bufferBeforeMinutes * MINUTE_MS;
  const afterMs = type.bufferAfterMinutes * MINUTE_MS;
  const chosen: Slot[] = [];
  let anchor: Candidate | null = null;
  const maxAlternatives = input.maxAlternatives ?? 5;

  const sessions = targets.map((target, index): SeriesSession => {
    const previous = chosen[chosen.length - 1];
    // Sessions are kept in order, so clearing the previous one's occupied span clears them all.
    const fits = candidates.filter(
      (c) =>
        Math.abs(c.day - target) <= input.toleranceDays &&
        (previous === undefined || c.slot.start - beforeMs >= previous.end + afterMs),
    );
    const a = anchor;
    const score = (c: Candidate): number[] => [
      Math.abs(c.day - target),
      a && c.slot.providerId !== a.slot.providerId ? 1 : 0,
      a ? Math.abs(c.minuteOfDay - a.minuteOfDay) : 0,
      c.slot.start,
    ];
    const ranked = fits
      .map((c) => ({ c, s: score(c) }))
      .sort((x, y) => {
        for (let i = 0; i < x.s.length; i++) if (x.s[i] !== y.s[i]) return x.s[i]! - y.s[i]!;
        return x.c.slot.providerId < y.c.slot.providerId ? -1 : 1;
      })
      .map((r) => r.c);
    const best = ranked[0] ?? null;
    if (best) {
      chosen.push(best.slot);
      anchor ??= best;
    }
    return {
      index,
      targetDate: formatLocalDate(target),
      slot: best?.slot ?? null,
      alternatives: ranked.slice(1, 1 + maxAlternatives).map((c) => c.slot),
    };
  });
  return { sessions };
}
