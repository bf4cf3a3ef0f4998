import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { clinicalRulesMarkdown } from '@anagen/core/assessment';
import { describe, expect, it } from 'vitest';

const DOC = fileURLToPath(new URL('../../../../docs/clinical-rules.md', import.meta.url));
const START = '<!-- clinical-rules:start -->\n';
const END = '<!-- clinical-rules:end -->';

// The reviewed table must be the table the code runs; this fails on any drift between the two.
describe('docs/clinical-rules.md', () => {
  it('shows exactly the rules the assessment and triage code run', () => {
    const text = readFileSync(DOC, 'utf8');
    const [head, rest] = text.split(START);
    expect(rest, 'missing the start marker').toBeDefined();
    const [, tail] = (rest ?? '').split(END);
    const fresh = `${head}${START}${clinicalRulesMarkdown()}${END}${tail ?? '\n'}`;
    if (process.env.UPDATE_CLINICAL_RULES === '1') writeFileSync(DOC, fresh);
    expect(text).toBe(fresh);
  });
});
