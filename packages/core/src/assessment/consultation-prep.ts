import type { RankedOption } from './rank-options';
import type { RedFlag } from './red-flags';
import type { AssessmentInput } from './schema';

/** What to bring to the appointment, tailored to the answers. */
export function whatToBring(a: AssessmentInput, flags: readonly RedFlag[]): string[] {
  const items = [
    'A list of every medicine and supplement you take, with doses.',
    'Photos of your hair from earlier years, if you have them, so changes can be compared.',
    'Results of any recent blood tests, for example iron, thyroid or hormone tests.',
  ];
  if (a.priorTreatments.length > 0)
    items.push('The names and strengths of treatments you have tried, when you used them and what happened.');
  if (a.conditions.includes('anticoagulants') || a.conditions.includes('antiplatelets'))
    items.push('The name and dose of your blood thinner and the name of the doctor who prescribes it.');
  if (a.familyHistory === 'yes')
    items.push('What you know about hair loss in your parents, siblings and grandparents.');
  if (flags.some((f) => f.code === 'under-18' || f.code === 'child-under-12'))
    items.push('A parent or guardian.');
  if (flags.some((f) => ['thyroid-disease', 'low-iron', 'diffuse-thinning-checks'].includes(f.code)))
    items.push('Your latest thyroid and iron (ferritin) results, with their dates, if you have them.');
  if (a.scalpSymptoms.length > 0)
    items.push(
      'Notes on your scalp symptoms: when they started, what makes them better or worse, and photos of flare-ups.',
    );
  return items;
}

/** Questions to ask, tailored to the answers and to the options that came out on top. */
export function questionsToAsk(
  a: AssessmentInput,
  flags: readonly RedFlag[],
  options: readonly RankedOption[],
): string[] {
  if (flags.length > 0)
    return [
      'What is most likely causing my hair loss?',
      'Do I need blood tests, a scalp examination with a dermatoscope, or a biopsy?',
      'Is my hair loss likely to recover by itself once the cause is treated?',
      'Which treatments are safe for me, given my health and medicines?',
      'When would it make sense to look at cosmetic hair treatments, if at all?',
    ];
  const qs = [
    'What type of hair loss do you think I have, and how sure are you?',
    'What results can I realistically expect, in hairs per square centimetre or in photos, and by when?',
    'How will we measure whether the treatment is working?',
    'What happens if I stop the treatment?',
    'What is the total cost for the first year and for later years, including maintenance?',
    'What are the alternatives, including FDA-approved medicines and doing nothing?',
  ];
  const slugs = new Set(options.map((o) => o.slug));
  if (slugs.has('prp'))
    qs.push(
      'Which PRP system do you use, how do you prepare it, and do you know that using it for hair is off-label?',
    );
  if (
    options.some(
      (o) => o.regulatoryStatus === 'unapproved-drug-biologic' || o.regulatoryStatus === 'not-fda-approved',
    )
  )
    qs.push(
      'For any stem cell or exosome product: what exactly is it, where does it come from, and is it given under an FDA IND number in a clinical trial?',
    );
  if (slugs.has('hair-transplant') || a.goals.includes('restore-hairline'))
    qs.push(
      'How many grafts does my donor area allow over my lifetime, and what medicine do you recommend to protect my remaining hair?',
    );
  if (slugs.has('finasteride') || slugs.has('dutasteride'))
    qs.push('What are the sexual and mood side effects, and what should I do if I notice them?');
  return qs;
}
