import { describe, expect, it } from 'vitest';
import { formatAnalysis, formatWhatIf, renderTable, whatIf } from './index.js';
import { AS_OF, build, PERIOD, run } from './test-fixtures.js';

describe('renderTable', () => {
  it('aligns plain-text columns (numbers right)', () => {
    expect(
      renderTable(
        ['Name', 'Hours'],
        [
          ['a', '1.5'],
          ['longer', '12'],
        ],
        ['l', 'r'],
        'table',
      ),
    ).toBe(['Name    Hours', '------  -----', 'a         1.5', 'longer     12'].join('\n'));
  });
  it('writes Markdown tables with escaped pipes', () => {
    expect(renderTable(['A', 'B'], [['x|y', '2']], ['l', 'r'], 'md')).toBe(['| A | B |', '| --- | ---: |', '| x\\|y | 2 |'].join('\n'));
  });
});

describe('formatAnalysis', () => {
  const r = run(build((d) => (d.assignments = d.assignments.filter((a) => a.person !== 'bob'))));

  it('renders an aligned text report', () => {
    const t = formatAnalysis(r, 'table');
    expect(t).toContain('Resourcing analysis 2027Q1 (2027-01-01 to 2027-03-31, 13 weeks), as of 2027-01-15');
    expect(t).toContain(
      [
        'Activity  Demand h  Capacity h  Util  Qualified  Backup  After-hours',
        '--------  --------  ----------  ----  ---------  ------  -----------',
        'review         2.5          52    5%          1  no      n/a',
      ].join('\n'),
    );
    expect(t).toMatch(/\[HIGH\] SPOF — activity review \(review\)/);
    expect(t).toContain('review: 1 high-risk system × 1 major change a year × ¼ year × 10 h = 2.5 h');
    expect(t).toContain('Rules not evaluated');
  });

  it('renders Markdown with headings and tables', () => {
    const m = formatAnalysis(r, 'md');
    expect(m).toMatch(/^# Resourcing analysis 2027Q1/);
    expect(m).toContain('## Activities');
    expect(m).toContain('| Activity | Demand h | Capacity h | Util | Qualified | Backup | After-hours |');
    expect(m).toContain('| review | 2.5 | 52 | 5% | 1 | no | n/a |');
    expect(m).toContain('| Severity | Rule | Subject | Explanation | Remediation |');
    expect(m).toContain('| high | SPOF | activity review |');
  });
});

describe('formatWhatIf', () => {
  const w = whatIf({ model: build(), period: PERIOD, asOf: AS_OF }, [
    { kind: 'absent', person: 'alice' },
    { kind: 'surge', factor: 2, monteCarlo: { runs: 50, seed: 1 } },
  ]);
  it('shows scenarios, before → after, gaps and Monte Carlo', () => {
    const t = formatWhatIf(w, 'table');
    expect(t).toContain('Alice is absent for all of 2027Q1');
    expect(t).toContain('78 → 26');
    expect(t).toMatch(/Gaps appeared \(\d+\)/);
    expect(t).toContain('Monte Carlo (50 runs, seed 1, incident factor 2)');
    const m = formatWhatIf(w, 'md');
    expect(m).toContain('## Activities changed (1)');
    expect(m).toContain('| review | 2.5 | 78 → 26 |');
    expect(m).toContain('| Activity | Expected h | p50 h | p95 h | Capacity h | P(shortfall) |');
  });
});
