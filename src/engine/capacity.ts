// Capacity: hours that qualified people have allocated to an activity, minus absences.
// Each person is processed once over their own assignment rows (O(assignments) overall).
import { dayNumber, mergeRanges, workingDays } from './dates.js';
import { cmp, h, listSome, num } from './format.js';
import type { Activity, Assignment, Person } from './model-types.js';
import type { Period } from './period.js';

export interface HeldCompetence {
  competence: string;
  level: number;
  validUntil: string | null;
  basis: string;
  evidence: string;
}

export interface PersonAvailability {
  /** aimsHoursPerWeek × weeks, before absences. */
  nominalHours: number;
  absentWorkingDays: number;
  availableHours: number;
  /** available ÷ nominal (1 when nominal is 0): scales every assignment's hours. */
  ratio: number;
  /** Absent on every working day of the period. */
  unavailable: boolean;
}

export interface PersonRow {
  assignment: Assignment;
  /** Effective hours per week on this row (explicit, scaled if overallocated, or a split share). */
  hoursPerWeek: number;
  hours: number;
  /** Explicit hours were given on the row. */
  explicit: boolean;
  /** Got an equal share of the person's remaining hours. */
  split: boolean;
  /** The row's hours can count toward the activity's capacity (R, or a backup with explicit hours). */
  countable: boolean;
}

export interface PersonCalc {
  person: Person;
  availability: PersonAvailability;
  /** Best currently valid holding per competence. */
  valid: Map<string, HeldCompetence>;
  /** Best holding per competence, expired or not (to explain gaps). */
  best: Map<string, HeldCompetence>;
  rows: PersonRow[];
  explicitTotal: number;
  /** < 1 when explicit hours exceed aimsHoursPerWeek and were scaled down to fit. */
  explicitScale: number;
  splitCount: number;
  splitShare: number;
  allocatedHours: number;
}

/** Available hours: aimsHoursPerWeek × weeks − absent Mon–Fri days × aimsHoursPerWeek/5. */
export function personAvailability(person: Person, period: Period): PersonAvailability {
  const lo = dayNumber(period.start);
  const hi = dayNumber(period.end);
  const ranges = mergeRanges(
    person.absences.map((a): [number, number] => [dayNumber(a.from), dayNumber(a.to)]),
    lo,
    hi,
  );
  let absent = 0;
  for (const [a, b] of ranges) absent += workingDays(a, b);
  const hpw = person.aimsHoursPerWeek;
  const nominal = hpw * period.weeks;
  const unavailable = period.workingDays > 0 && absent >= period.workingDays;
  // A long absence can exceed the normalized weeks of a period by a day; never go negative.
  const available = unavailable ? 0 : Math.max(0, nominal - (absent * hpw) / 5);
  return {
    nominalHours: nominal,
    absentWorkingDays: absent,
    availableHours: available,
    ratio: nominal > 0 ? available / nominal : 0,
    unavailable,
  };
}

function bestHoldings(person: Person, asOf: string): { valid: Map<string, HeldCompetence>; best: Map<string, HeldCompetence> } {
  const valid = new Map<string, HeldCompetence>();
  const best = new Map<string, HeldCompetence>();
  for (const c of person.competences) {
    const held: HeldCompetence = {
      competence: c.competence,
      level: c.level,
      validUntil: c.validUntil,
      basis: c.basis,
      evidence: c.evidence,
    };
    const prevBest = best.get(c.competence);
    if (!prevBest || c.level > prevBest.level) best.set(c.competence, held);
    // ISO dates compare correctly as strings.
    if (c.validUntil === null || c.validUntil >= asOf) {
      const prev = valid.get(c.competence);
      if (
        !prev ||
        c.level > prev.level ||
        (c.level === prev.level && prev.validUntil !== null && (c.validUntil === null || c.validUntil > prev.validUntil))
      )
        valid.set(c.competence, held);
    }
  }
  return { valid, best };
}

/**
 * Splits a person's hours over their rows: explicit hoursPerWeek first (scaled down pro rata if
 * they exceed aimsHoursPerWeek), the remainder equally over R rows without explicit hours.
 * Backups without explicit hours get nothing: they are cover, not capacity.
 */
export function computePerson(person: Person, rows: readonly Assignment[], period: Period, asOf: string): PersonCalc {
  const availability = personAvailability(person, period);
  const { valid, best } = bestHoldings(person, asOf);
  const aims = person.aimsHoursPerWeek;
  let explicitTotal = 0;
  let splitCount = 0;
  for (const a of rows) {
    if (a.hoursPerWeek !== null) explicitTotal += a.hoursPerWeek;
    else if (a.raci === 'R' && !a.backup) splitCount++;
  }
  const explicitScale = explicitTotal > aims ? (explicitTotal > 0 ? aims / explicitTotal : 0) : 1;
  const remainder = Math.max(0, aims - explicitTotal);
  const splitShare = splitCount > 0 ? remainder / splitCount : 0;
  let allocated = 0;
  const out: PersonRow[] = rows.map((a) => {
    const explicit = a.hoursPerWeek !== null;
    const split = !explicit && a.raci === 'R' && !a.backup;
    const hpw = explicit ? (a.hoursPerWeek ?? 0) * explicitScale : split ? splitShare : 0;
    const hours = hpw * period.weeks * availability.ratio;
    allocated += hours;
    return {
      assignment: a,
      hoursPerWeek: hpw,
      hours,
      explicit,
      split,
      countable: a.raci === 'R' || (a.backup && explicit),
    };
  });
  return {
    person,
    availability,
    valid,
    best,
    rows: out,
    explicitTotal,
    explicitScale,
    splitCount,
    splitShare,
    allocatedHours: allocated,
  };
}

export interface MissingCompetence {
  competence: string;
  minLevel: number;
  /** Best valid level held, or null when none is valid. */
  heldLevel: number | null;
  /** Set when a high-enough holding exists but its validity ended before asOf. */
  expired: HeldCompetence | null;
}

/** Required competences the person does not hold at the minimum level with valid evidence. */
export function missingCompetences(pc: PersonCalc, activity: Activity): MissingCompetence[] {
  const out: MissingCompetence[] = [];
  for (const req of activity.competences) {
    const v = pc.valid.get(req.competence);
    if (v && v.level >= req.minLevel) continue;
    const a = pc.best.get(req.competence);
    out.push({
      competence: req.competence,
      minLevel: req.minLevel,
      heldLevel: v ? v.level : null,
      expired: a && a.level >= req.minLevel && a.validUntil !== null ? a : null,
    });
  }
  return out;
}

export function describeMissing(m: MissingCompetence, competenceName: (key: string) => string): string {
  const name = competenceName(m.competence);
  if (m.expired) return `${name} level ${m.expired.level} expired on ${m.expired.validUntil} (needs level ${m.minLevel})`;
  if (m.heldLevel !== null) return `${name} at level ${m.heldLevel} (needs ${m.minLevel})`;
  return `no ${name} (needs level ${m.minLevel})`;
}

export interface Contribution {
  pc: PersonCalc;
  row: PersonRow;
  qualified: boolean;
  missing: MissingCompetence[];
  counted: boolean;
  text: string;
}

export interface ActivityCapacity {
  hours: number;
  contributions: Contribution[];
  /** Available, qualified people among R performers and backups (sorted keys). */
  qualifiedPeople: string[];
  qualifiedPerformers: string[];
  qualifiedBackups: string[];
  /** A rows of active people (available or not). */
  owners: string[];
  /** R rows that are not backups. */
  performers: string[];
  backups: string[];
  afterHoursPeople: string[];
  text: string;
}

function weeksPhrase(pc: PersonCalc, period: Period): string {
  const d = pc.availability.absentWorkingDays;
  if (d === 0) return `${num(period.weeks)} weeks`;
  const w = d / 5;
  const absentText = Number.isInteger(w) ? `${w} ${w === 1 ? 'week' : 'weeks'} absent` : `${num(w)} weeks absent (${d} working days)`;
  return `(${num(period.weeks)} weeks − ${absentText})`;
}

function rowHoursPhrase(pc: PersonCalc, row: PersonRow): string {
  if (row.explicit && pc.explicitScale < 1)
    return `${num(row.hoursPerWeek)} h/week (${num(row.assignment.hoursPerWeek ?? 0)} h/week explicit, scaled to fit ${num(pc.person.aimsHoursPerWeek)} h/week)`;
  if (row.split && pc.splitCount > 1)
    return `${num(row.hoursPerWeek)} h/week (${num(pc.splitShare * pc.splitCount)} h/week split over ${pc.splitCount} activities)`;
  return `${num(row.hoursPerWeek)} h/week`;
}

const MAX_LISTED = 12;

/** How one assignment row counts toward its activity, with the sentence that says so. */
export function contribution(
  activity: Activity,
  pc: PersonCalc,
  row: PersonRow,
  period: Period,
  competenceName: (key: string) => string,
): Contribution {
  const a = row.assignment;
  const p = pc.person;
  const missing = missingCompetences(pc, activity);
  const qualified = missing.length === 0;
  const available = !pc.availability.unavailable;
  const counted = qualified && row.countable && row.hours > 0;
  let text: string;
  if (!available) text = `${p.name} absent the whole period: 0 h`;
  else if (!qualified && (row.countable || a.raci === 'A'))
    text = `${p.name} ${num(row.hoursPerWeek)} h/week not counted — ${missing.map((m) => describeMissing(m, competenceName)).join('; ')}`;
  else if (counted) text = `${p.name} ${rowHoursPhrase(pc, row)} × ${weeksPhrase(pc, period)} = ${h(row.hours)}`;
  else if (a.backup) text = `${p.name} (backup${qualified ? ', qualified' : ''}) adds no hours`;
  else if (row.countable) text = `${p.name} has no hours left for it (0 h)`;
  else text = `${p.name} (${a.raci}) adds no capacity`;
  return { pc, row, qualified, missing, counted, text };
}

/** Capacity of one activity from the rows of its (active) people. */
export function computeActivityCapacity(
  activity: Activity,
  rows: ReadonlyArray<{ pc: PersonCalc; row: PersonRow }>,
  period: Period,
  competenceName: (key: string) => string,
): ActivityCapacity {
  return aggregateCapacity(rows.map(({ pc, row }) => contribution(activity, pc, row, period, competenceName)));
}

/** Sums contributions into capacity, cover sets and the capacity sentence. */
export function aggregateCapacity(input: readonly Contribution[]): ActivityCapacity {
  let hours = 0;
  const qualifiedPeople = new Set<string>();
  const qualifiedPerformers = new Set<string>();
  const qualifiedBackups = new Set<string>();
  const owners = new Set<string>();
  const performers = new Set<string>();
  const backups = new Set<string>();
  const afterHours = new Set<string>();
  for (const { pc, row, qualified, counted } of input) {
    const a = row.assignment;
    const p = pc.person;
    if (counted) hours += row.hours;
    if (a.raci === 'A') owners.add(p.key);
    if (a.raci === 'R' && !a.backup) performers.add(p.key);
    if (a.backup) backups.add(p.key);
    if ((a.raci === 'R' || a.backup) && qualified && !pc.availability.unavailable) {
      qualifiedPeople.add(p.key);
      if (a.backup) qualifiedBackups.add(p.key);
      else qualifiedPerformers.add(p.key);
      if (p.afterHours) afterHours.add(p.key);
    }
  }
  const contributions = [...input].sort(
    (x, y) =>
      Number(y.counted) - Number(x.counted) ||
      y.row.hours - x.row.hours ||
      cmp(x.pc.person.key, y.pc.person.key) ||
      cmp(x.row.assignment.raci, y.row.assignment.raci) ||
      Number(x.row.assignment.backup) - Number(y.row.assignment.backup),
  );
  const countedTexts = contributions.filter((c) => c.counted).map((c) => c.text);
  const other = contributions.filter((c) => !c.counted && (c.row.countable || c.row.assignment.backup)).map((c) => c.text);
  let text: string;
  if (countedTexts.length === 0) text = `capacity: 0 h — no qualified performer has hours on it`;
  else if (countedTexts.length === 1) text = `capacity: ${countedTexts[0]}`;
  else {
    const shown = countedTexts.slice(0, MAX_LISTED);
    const more = countedTexts.length > MAX_LISTED ? `; and ${countedTexts.length - MAX_LISTED} more performers` : '';
    text = `capacity: ${shown.join('; ')}${more}; total ${h(hours)}`;
  }
  if (other.length > 0) text += `. Not counted: ${listSome(other, 6)}`;
  return {
    hours,
    contributions,
    qualifiedPeople: [...qualifiedPeople].sort(cmp),
    qualifiedPerformers: [...qualifiedPerformers].sort(cmp),
    qualifiedBackups: [...qualifiedBackups].sort(cmp),
    owners: [...owners].sort(cmp),
    performers: [...performers].sort(cmp),
    backups: [...backups].sort(cmp),
    afterHoursPeople: [...afterHours].sort(cmp),
    text,
  };
}
