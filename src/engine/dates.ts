// Calendar arithmetic on ISO dates as whole UTC day numbers: pure and time-zone free.
import { EngineInputError } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a strict YYYY-MM-DD date; throws EngineInputError otherwise. */
export function dayNumber(iso: string, field = 'date'): number {
  const m = ISO_DATE.exec(iso);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    // Date.UTC rolls 2027-02-30 over to March; reject instead of guessing.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) return Math.round(ms / MS_PER_DAY);
  }
  throw new EngineInputError(`${field}: expected a calendar date as YYYY-MM-DD, got "${iso}"`, field);
}

export function isIsoDate(s: string): boolean {
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date part of a date or date-time string (2027-01-15T09:30:00Z → 2027-01-15). */
export function datePart(s: string): string {
  return s.slice(0, 10);
}

/** Day number of a date or date-time; null when it is not parseable. */
export function dayOf(s: string): number | null {
  try {
    return dayNumber(datePart(s));
  } catch {
    return null;
  }
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Monday–Friday days in [from, to] inclusive, in O(1). */
export function workingDays(from: number, to: number): number {
  if (to < from) return 0;
  const total = to - from + 1;
  const fullWeeks = Math.floor(total / 7);
  let count = fullWeeks * 5;
  for (let d = from + fullWeeks * 7; d <= to; d++) {
    const w = weekday(d);
    if (w !== 0 && w !== 6) count++;
  }
  return count;
}

/** Merge possibly overlapping [from, to] day ranges clipped to [lo, hi]; sorted, disjoint. */
export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>, lo: number, hi: number): Array<[number, number]> {
  const clipped = ranges
    .map(([a, b]): [number, number] => [Math.max(a, lo), Math.min(b, hi)])
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Array<[number, number]> = [];
  for (const r of clipped) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
