// Number and money wording shared by rationales, gap explanations and presenters.

/** Rounds to 2 decimals for output (never used mid-computation). */
export function round2(n: number): number {
  const r = Math.round(n * 100 + (n >= 0 ? 1e-9 : -1e-9)) / 100;
  return Object.is(r, -0) ? 0 : r;
}

export function round4(n: number): number {
  const r = Math.round(n * 10_000) / 10_000;
  return Object.is(r, -0) ? 0 : r;
}

/** 45.5, 66, 24.33 — at most 2 decimals, no trailing zeros. */
export function num(n: number): string {
  return String(round2(n));
}

/** Hours: "45.5 h". */
export function h(n: number): string {
  return `${num(n)} h`;
}

/** A percentage with no decimals: "69%". */
export function pct(n: number | null): string {
  return n === null ? 'n/a' : `${Math.round(n * 100)}%`;
}

/** ¼, ½, ¾, 1/12 for the usual year fractions; otherwise 4 decimals. */
export function fraction(f: number): string {
  const known: Array<[number, string]> = [
    [0.25, '¼'],
    [0.5, '½'],
    [0.75, '¾'],
    [1, '1'],
    [1 / 12, '1/12'],
  ];
  for (const [v, s] of known) if (Math.abs(f - v) < 1e-12) return s;
  return String(round4(f));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${num(n) === '1' ? one : many}`;
}

/** Lists at most `max` items, then "and N more". */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

// ISO 4217 minor-unit exponents that are not 2.
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** Minor units → "EUR 1,234.50" (fixed formatting, no locale dependence). */
export function money(minor: number, currency: string): string {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const neg = minor < 0;
  const abs = Math.abs(Math.trunc(minor));
  const div = 10 ** digits;
  const major = Math.floor(abs / div);
  const rest = abs % div;
  const grouped = String(major).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = digits > 0 ? `.${String(rest).padStart(digits, '0')}` : '';
  return `${currency} ${neg ? '-' : ''}${grouped}${frac}`;
}

/** Minor units → major units as a number (for structured output). */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** (MINOR_DIGITS[currency] ?? 2);
}

/** Code-unit order: locale-independent, so output is identical on every machine. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
