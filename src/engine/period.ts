// Planning periods. Standard periods (year, quarter, month) use normalized lengths so annual rates
// and day intervals agree: a quarter is exactly ¼ year, 13 weeks and 91.25 planning days, whatever
// its calendar length. Custom ranges use their real length (days/7 weeks, days/365 of a year).
import { dayNumber, isoFromDay, workingDays } from './dates.js';
import { EngineInputError } from './errors.js';

export { EngineInputError } from './errors.js';

export type PeriodKind = 'year' | 'quarter' | 'month' | 'custom';

export interface Period {
  label: string;
  kind: PeriodKind;
  /** First day, inclusive (YYYY-MM-DD). */
  start: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  end: string;
  /** Calendar days, inclusive. */
  days: number;
  /** Monday–Friday days (absences are counted against these). */
  workingDays: number;
  /** Weeks of capacity: 13 for a quarter, 52 a year, 52/12 a month, days/7 for a custom range. */
  weeks: number;
  /** Fraction of a year applied to annual rates: ¼, 1, 1/12, or days/365 for a custom range. */
  yearFraction: number;
  /** Days used to count periodic occurrences: yearFraction × 365 (91.25 for a quarter). */
  planningDays: number;
}

/** A label (`2027Q1`, `2027`, `2027-03`, `2027-01-01..2027-03-31`) or an explicit range. */
export type PeriodInput = string | { start: string; end: string; label?: string };

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-?Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{2})$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function build(label: string, kind: PeriodKind, start: string, end: string, yearFraction: number | null): Period {
  const s = dayNumber(start, 'period.start');
  const e = dayNumber(end, 'period.end');
  if (e < s) throw new EngineInputError(`period: start ${start} is after end ${end}`, 'period');
  const days = e - s + 1;
  const yf = yearFraction ?? days / 365;
  return {
    label,
    kind,
    start,
    end,
    days,
    workingDays: workingDays(s, e),
    weeks: yearFraction === null ? days / 7 : yearFraction * 52,
    yearFraction: yf,
    planningDays: yearFraction === null ? days : yearFraction * 365,
  };
}

function isPeriod(p: unknown): p is Period {
  return typeof p === 'object' && p !== null && 'kind' in p && 'yearFraction' in p && 'weeks' in p;
}

/** Parses a period label or range; throws EngineInputError with the accepted forms on bad input. */
export function parsePeriod(input: PeriodInput | Period): Period {
  if (isPeriod(input)) return input;
  if (typeof input === 'object' && input !== null) {
    if (typeof input.start !== 'string' || typeof input.end !== 'string')
      throw new EngineInputError('period: a custom period needs start and end dates (YYYY-MM-DD)', 'period');
    return build(input.label ?? `${input.start}..${input.end}`, 'custom', input.start, input.end, null);
  }
  if (typeof input !== 'string')
    throw new EngineInputError('period: expected a label such as 2027Q1, 2027, 2027-03 or a {start, end} range', 'period');
  const label = input.trim();
  let m = QUARTER.exec(label);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const firstMonth = (q - 1) * 3 + 1;
    const lastMonth = firstMonth + 2;
    return build(
      `${y}Q${q}`,
      'quarter',
      `${y}-${pad2(firstMonth)}-01`,
      `${y}-${pad2(lastMonth)}-${pad2(lastDayOfMonth(y, lastMonth))}`,
      0.25,
    );
  }
  m = YEAR.exec(label);
  if (m) return build(label, 'year', `${label}-01-01`, `${label}-12-31`, 1);
  m = MONTH.exec(label);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new EngineInputError(`period: "${label}" has no month ${mo} (expected 01–12)`, 'period');
    return build(label, 'month', `${label}-01`, `${label}-${pad2(lastDayOfMonth(y, mo))}`, 1 / 12);
  }
  m = RANGE.exec(label);
  if (m && m[1] && m[2]) return build(label, 'custom', m[1], m[2], null);
  throw new EngineInputError(
    `period: cannot read "${input}"; expected a quarter (2027Q1), a year (2027), a month (2027-03) or a range (2027-01-01..2027-03-31)`,
    'period',
  );
}

/** The quarter containing asOf. */
export function defaultPeriod(asOf: string): Period {
  const day = dayNumber(asOf, 'asOf');
  const iso = isoFromDay(day);
  const y = Number(iso.slice(0, 4));
  const mo = Number(iso.slice(5, 7));
  return parsePeriod(`${y}Q${Math.floor((mo - 1) / 3) + 1}`);
}
