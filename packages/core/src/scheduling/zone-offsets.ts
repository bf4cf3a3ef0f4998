import { MINUTE_MS } from './local-calendar';

/**
 * A zone's UTC offsets over a range, precomputed once so that wall time ⇄ UTC conversion is a binary
 * search plus integer arithmetic. Segment `i` starts at `transitions[i - 1]` (or −∞) and has offset
 * `offsets[i]` minutes east of UTC; `offsets.length === transitions.length + 1`.
 * Outside `[fromMs, toMs)` the first / last offset is extrapolated.
 */
export interface ZoneOffsets {
  timeZone: string;
  fromMs: number;
  toMs: number;
  transitions: readonly number[];
  offsets: readonly number[];
}

interface MonthChunk {
  start: number;
  offset0: number;
  /** Offset changes inside (start, end]: [utcMs, newOffset] pairs. */
  changes: Array<[number, number]>;
}

const HOUR_MS = 3_600_000;
const MAX_CACHE = 4_096;
const formatters = new Map<string, Intl.DateTimeFormat>();
const chunkCache = new Map<string, MonthChunk>();
const tableCache = new Map<string, ZoneOffsets>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is the error callers should see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const DIGITS = /\d+/g;

/**
 * Offset in whole minutes of `timeZone` at `utcMs`, read from Intl (slow: ~1.5 µs; only used while
 * building tables). en-US numeric output is "M/D/YYYY, HH:MM:SS"; reading the digit groups in order
 * keeps this independent of the separators ICU happens to use.
 */
export function probeOffsetMinutes(timeZone: string, utcMs: number): number {
  const text = formatterFor(timeZone).format(utcMs);
  const n = text.match(DIGITS);
  if (!n || n.length < 6) throw new Error(`Unexpected Intl output "${text}"`);
  const hour = Number(n[3]) % 24;
  const wall = Date.UTC(Number(n[2]), Number(n[0]) - 1, Number(n[1]), hour, Number(n[4]), Number(n[5]));
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / MINUTE_MS);
}

function buildChunk(timeZone: string, monthIndex: number): MonthChunk {
  const start = Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1);
  const end = Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
  const offset0 = probeOffsetMinutes(timeZone, start);
  const changes: Array<[number, number]> = [];
  let prevT = start;
  let prevO = offset0;
  while (prevT < end) {
    const t = Math.min(prevT + HOUR_MS, end);
    const o = probeOffsetMinutes(timeZone, t);
    if (o !== prevO) {
      // Binary search to the minute: lo keeps the old offset, hi has the new one.
      let lo = prevT;
      let hi = t;
      while (hi - lo > MINUTE_MS) {
        const mid = lo + Math.floor((hi - lo) / (2 * MINUTE_MS)) * MINUTE_MS;
        if (probeOffsetMinutes(timeZone, mid) === prevO) lo = mid;
        else hi = mid;
      }
      changes.push([hi, o]);
    }
    prevT = t;
    prevO = o;
  }
  return { start, offset0, changes };
}

function monthIndexOf(utcMs: number): number {
  const d = new Date(utcMs);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * Offsets of `timeZone` covering `[fromMs, toMs)` (UTC epoch ms), found by probing Intl hourly and
 * binary-searching each change to the minute. Work is cached per zone and UTC month, and whole tables
 * per zone + month range, so repeated calls cost a Map lookup. Two changes within one hour that cancel
 * out would be missed; no current IANA zone does that.
 */
export function getZoneOffsets(timeZone: string, fromMs: number, toMs: number): ZoneOffsets {
  const m0 = monthIndexOf(fromMs);
  const m1 = monthIndexOf(Math.max(fromMs, toMs - 1));
  const key = `${timeZone}|${m0}|${m1}`;
  const cached = tableCache.get(key);
  if (cached) return cached;
  const transitions: number[] = [];
  const offsets: number[] = [];
  for (let m = m0; m <= m1; m++) {
    const ck = `${timeZone}|${m}`;
    const chunk = chunkCache.get(ck) ?? remember(chunkCache, ck, buildChunk(timeZone, m));
    if (offsets.length === 0) offsets.push(chunk.offset0);
    else if (offsets[offsets.length - 1] !== chunk.offset0) {
      transitions.push(chunk.start);
      offsets.push(chunk.offset0);
    }
    for (const [t, o] of chunk.changes) {
      if (offsets[offsets.length - 1] !== o) {
        transitions.push(t);
        offsets.push(o);
      }
    }
  }
  const table: ZoneOffsets = {
    timeZone,
    fromMs: Date.UTC(Math.floor(m0 / 12), m0 % 12, 1),
    toMs: Date.UTC(Math.floor(m1 / 12), (m1 % 12) + 1, 1),
    transitions,
    offsets,
  };
  return remember(tableCache, key, table);
}

/** Index of the segment containing `utcMs` (number of transitions at or before it). */
function segmentAt(z: ZoneOffsets, utcMs: number): number {
  const t = z.transitions;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= utcMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** UTC offset in minutes at an instant. */
export function offsetAt(z: ZoneOffsets, utcMs: number): number {
  return z.offsets[segmentAt(z, utcMs)]!;
}

/** Wall-clock ms (local time written as if it were UTC) of an instant. */
export function utcToWall(z: ZoneOffsets, utcMs: number): number {
  return utcMs + offsetAt(z, utcMs) * MINUTE_MS;
}

/**
 * The instant at which the wall clock shows `wallMs`, or `null` when that local time does not exist
 * (spring-forward gap). When it exists twice (fall-back overlap) the FIRST occurrence is returned.
 */
export function wallToUtc(z: ZoneOffsets, wallMs: number): number | null {
  const t = z.transitions;
  const o = z.offsets;
  const guess = segmentAt(z, wallMs - o[segmentAt(z, wallMs)]! * MINUTE_MS);
  // Transitions are months apart, so the answer lies in the guessed segment or a neighbour.
  for (let i = Math.max(0, guess - 1); i <= Math.min(o.length - 1, guess + 1); i++) {
    const u = wallMs - o[i]! * MINUTE_MS;
    if ((i === 0 || u >= t[i - 1]!) && (i === t.length || u < t[i]!)) return u;
  }
  return null;
}

/**
 * Like {@link wallToUtc}, but a wall time inside a gap maps to the transition instant itself, which is
 * what a working-hours boundary such as "until 02:30" means on a spring-forward night.
 */
export function wallToUtcClamped(z: ZoneOffsets, wallMs: number): number {
  const exact = wallToUtc(z, wallMs);
  if (exact !== null) return exact;
  const t = z.transitions;
  const o = z.offsets;
  for (let i = 0; i < t.length; i++) {
    if (wallMs >= t[i]! + o[i]! * MINUTE_MS && wallMs < t[i]! + o[i + 1]! * MINUTE_MS) return t[i]!;
  }
  // Unreachable for consistent tables; fall back to the standard reading.
  return wallMs - o[0]! * MINUTE_MS;
}
