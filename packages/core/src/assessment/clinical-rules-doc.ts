import { SYMPTOM_LABELS } from '../triage/symptoms';
import { TRIAGE_RULES, URGENT_REASON_LABELS } from '../triage/triage-side-effect';
import { RED_FLAG_RULES, redFlagMessage } from './red-flags';

/**
 * Rules that change the result without a red flag: they switch on a contraindication or take a
 * treatment out of the ranking. Their tests are in assessment.test.ts and assess-candidacy.test.ts.
 */
export const CONTRAINDICATION_RULES: readonly { when: string; outcome: string; source: string }[] = [
  {
    when: 'Could become pregnant: “yes” or “not sure”; or pregnant, breastfeeding or planning a pregnancy; or, when the question was not answered (older API clients), sex female aged 55 or under, or sex “another answer”',
    outcome:
      '`could-become-pregnant` applies; finasteride, dutasteride and topical finasteride are never ranked (excluded even if an entry lacked the code)',
    source: 'propecia-label-2012 (not for anyone who is or may become pregnant)',
  },
  {
    when: 'Could become pregnant: “no” (any sex)',
    outcome:
      '`could-become-pregnant` does not apply; men-only treatments are ranked for sex “another answer” with “Studied in men; ask whether it applies to you” (−10)',
    source: 'propecia-approval (approved for men)',
  },
  {
    when: 'Age under 18',
    outcome: '`under-18` applies (treatments with a minimum age of 18 are left out)',
    source: 'propecia-approval; ritlecitinib-approval-2023 (from age 12)',
  },
  {
    when: 'Scalp redness or pus-filled spots',
    outcome: '`scalp-inflammation` applies',
    source: 'Treatment entries’ contraindications',
  },
  {
    when: 'Scarred or shiny, smooth patches',
    outcome: '`scarring-alopecia` applies (transplant not suitable)',
    source: 'Treatment entries’ contraindications',
  },
  {
    when: 'Onset sudden, after pregnancy, illness, chemotherapy or a new medicine, or patches',
    outcome: '`unstable-hair-loss` applies (transplant not suitable)',
    source: 'statpearls-hair-transplant (stable loss)',
  },
  {
    when: 'Any condition whose code is also a contraindication code (blood thinners, bleeding disorder, heart disease …)',
    outcome:
      'That contraindication applies: absolute → left out of the ranking; caution → −15 with the reason',
    source: 'Each treatment entry’s contraindication and its note',
  },
];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The tables of docs/clinical-rules.md, generated from the same rule lists the code runs; a test
 * fails when the document and the code drift apart.
 */
export function clinicalRulesMarkdown(): string {
  const lines: string[] = [];
  lines.push(
    '### Assessment: referral flags (any one → “Please see a physician first”, no treatment ranked)',
    '',
  );
  lines.push('| # | Answer | Outcome | Message shown | Source |', '|---|---|---|---|---|');
  RED_FLAG_RULES.forEach((r, i) => {
    lines.push(
      `| A${i + 1} | ${cell(r.when)} | flag \`${r.code}\` | ${cell(redFlagMessage(r.code))} | ${cell(r.source)} |`,
    );
  });
  lines.push('', '### Assessment: contraindications and exclusions', '');
  lines.push('| # | Answer | Outcome | Source |', '|---|---|---|---|');
  CONTRAINDICATION_RULES.forEach((r, i) => {
    lines.push(`| C${i + 1} | ${cell(r.when)} | ${cell(r.outcome)} | ${cell(r.source)} |`);
  });
  lines.push('', '### Side-effect triage (any one → urgent, reviewed at once, staff alert)', '');
  lines.push('| # | Symptom reported | Outcome | Source |', '|---|---|---|---|');
  TRIAGE_RULES.forEach((r, i) => {
    const symptoms = r.symptoms.map((s) => SYMPTOM_LABELS[s]).join('; ');
    const when =
      r.minSeverity === undefined ? symptoms : `${symptoms} — rated ${r.minSeverity} or more out of 10`;
    const outcome = [
      `urgent: ${URGENT_REASON_LABELS[r.reason]} (\`${r.reason}\`)`,
      r.emergencyFirst ? 'call emergency services (911) first, then the clinic' : 'call the clinic now',
      ...(r.crisisLine ? ['crisis line 988 shown'] : []),
    ].join('; ');
    lines.push(`| T${i + 1} | ${cell(when)} | ${cell(outcome)} | ${cell(r.source)} |`);
  });
  lines.push('');
  return lines.join('\n');
}
