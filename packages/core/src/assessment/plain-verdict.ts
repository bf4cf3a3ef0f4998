import type { HealthCondition, Onset, OtherSymptom, PregnancyPotential, SEXES } from './schema';

type Sex = (typeof SEXES)[number];

/**
 * Which sex- and pregnancy-specific choices can apply to this person, so a man who cannot become
 * pregnant is not offered "Pregnant" or "Irregular periods" (issue 25).
 *
 * Issue 20's rule stands: pregnancy potential comes from the direct question, never from sex alone.
 * Pregnancy answers show unless the person said they could not become pregnant (the schema rejects
 * that pair). Past pregnancy and periods show unless the person is male AND said no: anyone else
 * (a woman who can no longer become pregnant, another answer, not sure) may have had either.
 */
export function choicesThatApply(sex: Sex | undefined, pregnancyPotential: PregnancyPotential | undefined) {
  const couldBePregnantNow = pregnancyPotential !== 'no';
  const couldHaveBeenPregnant = !(sex === 'male' && pregnancyPotential === 'no');
  return {
    onset: (o: Onset) => o !== 'after-pregnancy' || couldHaveBeenPregnant,
    otherSymptom: (s: OtherSymptom) => s !== 'irregular-periods' || couldHaveBeenPregnant,
    condition: (c: HealthCondition) =>
      !(['pregnancy', 'breastfeeding', 'planning-pregnancy'] as HealthCondition[]).includes(c) ||
      couldBePregnantNow,
  };
}

export interface PlainVerdict {
  /** see-doctor: a red flag first; option / option-ask-first / not-a-fit: about the treatment they came for. */
  kind: 'see-doctor' | 'option' | 'option-ask-first' | 'not-a-fit' | 'general' | 'nothing-fits';
  text: string;
}

/**
 * The first sentence of a result: plainly, does this person look like a candidate for what they came
 * for? Worded as "could be an option to discuss", never as a recommendation or a diagnosis.
 * `interest` is the treatment the person came from (its slug and name), when there is one.
 */
export function plainVerdict(
  // Structural, so the wire form of a result (codes as plain strings) fits as well as the core one.
  result: {
    seePhysicianFirst: boolean;
    options: readonly { slug: string; name: string }[];
    contraindications: Record<string, readonly { severity: 'absolute' | 'caution'; label: string }[]>;
    likelyType: { label: string };
  },
  interest?: { slug: string; name: string },
): PlainVerdict {
  if (result.seePhysicianFirst)
    return {
      kind: 'see-doctor',
      text: `From your answers, please see a doctor first${interest ? `, before thinking about ${interest.name}` : ''}: some of what you told us (listed below) should be checked by a doctor before any hair treatment.`,
    };
  if (interest) {
    const absolute = (result.contraindications[interest.slug] ?? []).filter((c) => c.severity === 'absolute');
    const ranked = result.options.find((o) => o.slug === interest.slug);
    if (absolute.length > 0)
      return {
        kind: 'not-a-fit',
        text: `From your answers, ${interest.name} does not look like a good fit: it is not used with ${absolute.map((c) => c.label.toLowerCase()).join(' or ')}.`,
      };
    if (!ranked)
      return {
        kind: 'not-a-fit',
        text: `From your answers, ${interest.name} does not look like a good fit: it is not a treatment for what your answers point to (${result.likelyType.label.toLowerCase()}), or not for your age or sex.`,
      };
    const cautions = result.contraindications[interest.slug] ?? [];
    if (cautions.length > 0)
      return {
        kind: 'option-ask-first',
        text: `From your answers, ${interest.name} could be an option to discuss with a clinician — ask first about ${cautions.map((c) => c.label.toLowerCase()).join(' and ')}.`,
      };
    return {
      kind: 'option',
      text: `From your answers, ${interest.name} could be an option to discuss with a clinician.`,
    };
  }
  if (result.options.length === 0)
    return {
      kind: 'nothing-fits',
      text: 'From your answers, none of the treatments described here fits; a clinician can look at the cause with you.',
    };
  const top = result.options.slice(0, 2).map((o) => o.name);
  return {
    kind: 'general',
    text: `From your answers, the options that fit best to discuss with a clinician are ${top.join(' and ')}.`,
  };
}
