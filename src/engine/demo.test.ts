// The demo organization (examples/demo-bank.yaml) must show every planted weakness.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { modelFileSchema } from '../model/schema.js';
import { analyze } from './index.js';

const yamlUrl = new URL('../../examples/demo-bank.yaml', import.meta.url);
const weaknessesUrl = new URL('../../examples/demo-bank.weaknesses.json', import.meta.url);

interface Weakness {
  rule: string;
  subjectKind: string;
  subjectKey: string;
}

describe('demo bank', () => {
  it('demo files are present', () => {
    expect(
      existsSync(yamlUrl) && existsSync(weaknessesUrl),
      'demo files missing: examples/demo-bank.yaml and examples/demo-bank.weaknesses.json',
    ).toBe(true);
  });

  it.runIf(existsSync(yamlUrl) && existsSync(weaknessesUrl))('finds every planted weakness with an explanation', () => {
    const model = modelFileSchema.parse(parse(readFileSync(yamlUrl, 'utf8')));
    const weaknesses = JSON.parse(readFileSync(weaknessesUrl, 'utf8')) as Weakness[];
    expect(weaknesses.length).toBeGreaterThan(0);
    const result = analyze({ model, period: '2027Q1', asOf: '2027-01-15' });
    const missing: string[] = [];
    for (const w of weaknesses) {
      const found = result.gaps.find((g) => g.rule === w.rule && g.subject.kind === w.subjectKind && g.subject.id === w.subjectKey);
      if (!found) missing.push(`${w.rule} ${w.subjectKind} ${w.subjectKey}`);
      else expect(found.explanation.trim().length, `${w.rule} ${w.subjectKey}`).toBeGreaterThan(0);
    }
    expect(missing).toEqual([]);
    expect(result.auditorAnswers?.q4.keyReviewers.length).toBeGreaterThan(0);
  });
});
