import { describe, expect, it } from 'vitest';
import { analyze, defaultPeriod, EngineInputError, parsePeriod } from './index.js';
import { build } from './test-fixtures.js';

describe('parsePeriod', () => {
  it('reads a quarter as exactly ¼ year and 13 weeks', () => {
    expect(parsePeriod('2027Q1')).toEqual({
      label: '2027Q1',
      kind: 'quarter',
      start: '2027-01-01',
      end: '2027-03-31',
      days: 90,
      workingDays: 21 + 20 + 23, // Jan starts on a Friday, Mar on a Monday
      weeks: 13,
      yearFraction: 0.25,
      planningDays: 91.25,
    });
    const q4 = parsePeriod('2027-q4');
    expect([q4.label, q4.start, q4.end, q4.weeks]).toEqual(['2027Q4', '2027-10-01', '2027-12-31', 13]);
  });
  it('reads a year and a month (leap February included)', () => {
    const y = parsePeriod('2027');
    expect([y.kind, y.start, y.end, y.weeks, y.yearFraction, y.days]).toEqual(['year', '2027-01-01', '2027-12-31', 52, 1, 365]);
    const m = parsePeriod('2028-02');
    expect([m.kind, m.start, m.end, m.yearFraction, m.days]).toEqual(['month', '2028-02-01', '2028-02-29', 1 / 12, 29]);
    expect(m.weeks).toBeCloseTo(52 / 12, 12);
  });
  it('reads a custom range as days/7 weeks and days/365 of a year', () => {
    const c = parsePeriod({ start: '2027-01-04', end: '2027-01-17' });
    expect([c.kind, c.label, c.days, c.weeks, c.yearFraction, c.planningDays, c.workingDays]).toEqual([
      'custom',
      '2027-01-04..2027-01-17',
      14,
      2,
      14 / 365,
      14,
      10,
    ]);
    expect(parsePeriod('2027-01-04..2027-01-17')).toEqual(c);
    expect(parsePeriod({ start: '2027-01-04', end: '2027-01-17', label: 'sprint' }).label).toBe('sprint');
  });
  it('defaults to the quarter containing asOf', () => {
    expect(defaultPeriod('2027-05-20').label).toBe('2027Q2');
    expect(defaultPeriod('2027-12-31').label).toBe('2027Q4');
    expect(analyze({ model: build(), asOf: '2027-08-01', options: { auditor: false } }).period.label).toBe('2027Q3');
  });
  it.each(['2027Q5', '27Q1', '2027-13', 'next quarter', '', '2027-1', '2027-02-30..2027-03-01'])(
    'rejects "%s" with a typed error',
    (label) => {
      expect(() => parsePeriod(label)).toThrow(EngineInputError);
    },
  );
  it('explains what it accepts', () => {
    expect(() => parsePeriod('Q1 2027')).toThrow(/expected a quarter \(2027Q1\), a year \(2027\), a month \(2027-03\)/);
    expect(() => parsePeriod({ start: '2027-03-01', end: '2027-02-01' })).toThrow(/start 2027-03-01 is after end 2027-02-01/);
    try {
      parsePeriod('2027-13');
    } catch (e) {
      expect(e).toBeInstanceOf(EngineInputError);
      expect((e as EngineInputError).name).toBe('EngineInputError');
      expect((e as EngineInputError).field).toBe('period');
    }
  });
  it('rejects a malformed asOf', () => {
    expect(() => analyze({ model: build(), period: '2027Q1', asOf: '15/01/2027' })).toThrow(EngineInputError);
  });
});
