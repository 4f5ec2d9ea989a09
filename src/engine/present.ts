// Pure formatters: the analysis and what-if results as aligned plain text or Markdown.
// (JSON output is the result object itself.)
import { num, pct } from './format.js';
import type { AnalysisResult, Gap, Totals, WhatIfResult } from './types.js';

export type TextFormat = 'table' | 'md';

type Align = 'l' | 'r';

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Aligned columns (table) or a GitHub-flavoured Markdown table (md). */
export function renderTable(headers: readonly string[], rows: readonly string[][], align: readonly Align[], format: TextFormat): string {
  if (format === 'md') {
    const line = (cells: readonly string[]): string => `| ${cells.map(mdCell).join(' | ')} |`;
    const sep = `|${headers.map((_, i) => (align[i] === 'r' ? ' ---: ' : ' --- ')).join('|')}|`;
    return [line(headers), sep, ...rows.map(line)].join('\n');
  }
  const widths = headers.map((hd, i) => Math.max(hd.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function heading(text: string, level: number, format: TextFormat): string {
  if (format === 'md') return `${'#'.repeat(level)} ${text}`;
  return level === 1 ? `${text}\n${'='.repeat(text.length)}` : `${text}\n${'-'.repeat(text.length)}`;
}

const yesNo = (b: boolean | null): string => (b === null ? 'n/a' : b ? 'yes' : 'no');

function totalsLines(t: Totals): string[] {
  return [
    `In-scope AI systems: ${t.inScopeSystems} (critical ${t.systemsByTier.critical}, high ${t.systemsByTier.high}, medium ${t.systemsByTier.medium}, low ${t.systemsByTier.low})`,
    `Demand: ${num(t.demandHours)} h; qualified capacity: ${num(t.capacityHours)} h; utilization: ${pct(t.utilization)}`,
    `People: ${t.people} with ${num(t.availableHours)} h available, ${num(t.allocatedHours)} h allocated; activities: ${t.activities}`,
    `Gaps: ${t.gaps} (critical ${t.gapsBySeverity.critical}, high ${t.gapsBySeverity.high}, medium ${t.gapsBySeverity.medium}, low ${t.gapsBySeverity.low})`,
  ];
}

function bullets(lines: readonly string[], format: TextFormat): string {
  return lines.map((l) => (format === 'md' ? `- ${l}` : `  ${l}`)).join('\n');
}

function gapsSection(gaps: readonly Gap[], format: TextFormat): string {
  if (gaps.length === 0) return format === 'md' ? '_None._' : '  none';
  if (format === 'md')
    return renderTable(
      ['Severity', 'Rule', 'Subject', 'Explanation', 'Remediation'],
      gaps.map((g) => [g.severity, g.rule, `${g.subject.kind} ${g.subject.id}`, g.explanation, g.remediation]),
      ['l', 'l', 'l', 'l', 'l'],
      format,
    );
  // Explanations are long: one block per gap reads better than a very wide table.
  return gaps
    .map(
      (g, i) =>
        `${String(i + 1).padStart(3)}. [${g.severity.toUpperCase()}] ${g.rule} — ${g.subject.kind} ${g.subject.id} (${g.subject.name})\n       ${g.explanation}\n       → ${g.remediation}`,
    )
    .join('\n');
}

export function formatAnalysis(result: AnalysisResult, format: TextFormat = 'table'): string {
  const p = result.period;
  const out: string[] = [];
  out.push(heading(`Resourcing analysis ${p.label} (${p.start} to ${p.end}, ${num(p.weeks)} weeks), as of ${result.asOf}`, 1, format));
  out.push(bullets(totalsLines(result.totals), format));
  out.push(heading('Activities', 2, format));
  out.push(
    renderTable(
      ['Activity', 'Demand h', 'Capacity h', 'Util', 'Qualified', 'Backup', 'After-hours'],
      result.activities.map((a) => [
        a.key,
        num(a.demandHours),
        num(a.capacityHours),
        pct(a.utilization),
        String(a.qualifiedPeople),
        yesNo(a.backupCovered),
        yesNo(a.afterHoursCovered),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'l', 'l'],
      format,
    ),
  );
  out.push(heading('Competences', 2, format));
  out.push(
    renderTable(
      ['Competence', 'Demand h', 'Capacity h', 'Util', 'Qualified'],
      result.competences.map((c) => [c.key, num(c.demandHours), num(c.capacityHours), pct(c.utilization), String(c.qualifiedPeople)]),
      ['l', 'r', 'r', 'r', 'r'],
      format,
    ),
  );
  out.push(heading('People', 2, format));
  out.push(
    renderTable(
      ['Person', 'Available h', 'Allocated h', 'Util', 'Demand share h', 'Absent days'],
      result.people.map((x) => [
        x.key,
        num(x.availableHours),
        num(x.allocatedHours),
        pct(x.utilization),
        num(x.demandShareHours),
        String(x.absentWorkingDays),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
      format,
    ),
  );
  out.push(heading(`Gaps (${result.gaps.length})`, 2, format));
  out.push(gapsSection(result.gaps, format));
  out.push(heading('Rationale', 2, format));
  out.push(
    result.activities
      .map((a) =>
        format === 'md'
          ? `- **${a.name}** — ${a.rationale.demand}\n  - ${a.rationale.capacity}\n  - ${a.rationale.utilization}`
          : `  ${a.rationale.demand}\n    ${a.rationale.capacity}\n    ${a.rationale.utilization}`,
      )
      .join('\n'),
  );
  if (result.rulesNotEvaluated.length > 0) {
    out.push(heading('Rules not evaluated', 2, format));
    out.push(
      bullets(
        result.rulesNotEvaluated.map((r) => `${r.rule}: ${r.reason}`),
        format,
      ),
    );
  }
  if (result.warnings.length > 0) {
    out.push(heading('Warnings', 2, format));
    out.push(bullets(result.warnings, format));
  }
  return `${out.join('\n\n')}\n`;
}

const arrow = (a: string, b: string): string => (a === b ? a : `${a} → ${b}`);

export function formatWhatIf(result: WhatIfResult, format: TextFormat = 'table'): string {
  const p = result.period;
  const out: string[] = [];
  const t0 = result.totals.before;
  const t1 = result.totals.after;
  out.push(heading(`What-if ${p.label}, as of ${result.asOf}`, 1, format));
  out.push(bullets(result.descriptions, format));
  out.push(heading('Totals', 2, format));
  out.push(
    bullets(
      [
        `Demand: ${arrow(`${num(t0.demandHours)} h`, `${num(t1.demandHours)} h`)}`,
        `Qualified capacity: ${arrow(`${num(t0.capacityHours)} h`, `${num(t1.capacityHours)} h`)}`,
        `Utilization: ${arrow(pct(t0.utilization), pct(t1.utilization))}`,
        `Gaps: ${arrow(String(t0.gaps), String(t1.gaps))} (+${result.gapsAppeared.length} / −${result.gapsDisappeared.length})`,
      ],
      format,
    ),
  );
  const changed = result.activities.filter((a) => a.changed);
  out.push(heading(`Activities changed (${changed.length})`, 2, format));
  out.push(
    changed.length === 0
      ? format === 'md'
        ? '_None._'
        : '  none'
      : renderTable(
          ['Activity', 'Demand h', 'Capacity h', 'Util', 'Qualified'],
          changed.map((a) => [
            a.key,
            arrow(num(a.demandBefore), num(a.demandAfter)),
            arrow(num(a.capacityBefore), num(a.capacityAfter)),
            arrow(pct(a.utilizationBefore), pct(a.utilizationAfter)),
            arrow(String(a.qualifiedBefore), String(a.qualifiedAfter)),
          ]),
          ['l', 'r', 'r', 'r', 'r'],
          format,
        ),
  );
  out.push(heading(`Gaps appeared (${result.gapsAppeared.length})`, 2, format));
  out.push(gapsSection(result.gapsAppeared, format));
  out.push(heading(`Gaps disappeared (${result.gapsDisappeared.length})`, 2, format));
  out.push(gapsSection(result.gapsDisappeared, format));
  if (result.severityChanged.length > 0) {
    out.push(heading('Severity changed', 2, format));
    out.push(
      bullets(
        result.severityChanged.map((s) => `${s.rule} ${s.subject.kind} ${s.subject.id}: ${s.before} → ${s.after}`),
        format,
      ),
    );
  }
  const mc = result.monteCarlo;
  if (mc) {
    out.push(heading(`Monte Carlo (${mc.runs} runs, seed ${mc.seed}, incident factor ${num(mc.incidentFactor)})`, 2, format));
    out.push(
      renderTable(
        ['Activity', 'Expected h', 'p50 h', 'p95 h', 'Capacity h', 'P(shortfall)'],
        [
          ...mc.activities.map((a) => [a.key, num(a.expected), num(a.p50), num(a.p95), num(a.capacityHours), pct(a.shortfallProbability)]),
          [
            '(all)',
            num(mc.overall.expected),
            num(mc.overall.p50),
            num(mc.overall.p95),
            num(mc.overall.capacityHours),
            pct(mc.overall.shortfallProbability),
          ],
        ],
        ['l', 'r', 'r', 'r', 'r', 'r'],
        format,
      ),
    );
  }
  return `${out.join('\n\n')}\n`;
}
