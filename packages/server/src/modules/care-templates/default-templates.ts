import type { TemplateVersionInput } from './care-templates.repository';

// Demo defaults a clinic edits in Admin → Templates. Written from the evidence dossier in plain
// words: what the treatment is, its regulatory status, how good the evidence is, the alternatives
// and the risks. They are starting points for a clinic's own lawyer-reviewed text, not legal forms.

const PRP_CONSENT = `What this is
Platelet-rich plasma (PRP) is made from a small amount of your own blood. We draw blood, spin it in a centrifuge to concentrate the platelets, and inject the plasma into the thinning areas of your scalp.

Regulatory status
PRP is not FDA-approved for hair loss. The kits used to prepare it are FDA-cleared devices, mostly for other uses, so using PRP for hair is "off-label". That is legal, but it means no regulator has reviewed it for this purpose.

What the evidence shows
Small trials suggest PRP can increase hair density for some people; a 2024 review of 14 trials found an average gain of about 27 hairs per cm² compared with control, but rated the evidence low certainty because the studies differed a lot and may over-represent good results. There is no standard protocol. Some people see no benefit. Results, when they come, usually show after 3 to 6 months. How long they last is not known: clinics usually offer maintenance sessions every 3 to 6 months, but no trial has measured how much of the benefit remains with or without them.

Alternatives
FDA-approved options exist: topical minoxidil (men and women) and oral finasteride (men). Laser devices are FDA-cleared. You may also choose no treatment. We are glad to talk these through before you decide.

Risks
Expected: pain during injections, redness, mild swelling (sometimes down to the forehead), tenderness and headache for a day or two, and temporary shedding. Less common: bruising, bleeding, infection, feeling faint during the blood draw or injections, numbness or tingling. Rare: allergic reaction to the numbing medicine.

Sessions and cost
A usual course is 3 to 4 sessions about 4 weeks apart, then maintenance every 3 to 6 months. Fees are per session and are not refunded if the treatment does not work for you. Results are not guaranteed and may be temporary.

Before you sign
Tell us if you take blood thinners, aspirin or other anti-inflammatory medicines, have a bleeding or platelet disorder, an active scalp infection, cancer, or are pregnant. We take standard photos and measurements to judge the result honestly. You may withdraw this consent at any time before a session. Side effects can be reported to us and to the FDA MedWatch programme.`;

const ADIPOSE_CONSENT = `What this is
A small amount of fat is removed from your body (usually the abdomen or thigh) under local anaesthetic, processed, and injected into the thinning areas of your scalp.

Regulatory status
Fat-derived cell products are not FDA-approved for hair loss. When fat is processed with enzymes to isolate cells ("stromal vascular fraction"), the FDA regards the result as a drug that needs approval, and it has warned consumers about unapproved "stem cell" treatments, including reports of infections and blindness after other unapproved uses. Ask us which processing we use and whether it is part of a registered clinical trial.

What the evidence shows
The evidence is low to very low certainty: one small company-sponsored trial and case series. Published peer-reviewed results are limited. We cannot tell you how likely it is to work for you.

Alternatives
FDA-approved options exist: topical minoxidil (men and women) and oral finasteride (men). PRP and laser devices are other options, each with its own evidence. You may also choose no treatment.

Risks
From the fat harvest: pain, bruising, swelling, infection, uneven contour, and rarely bleeding. From the scalp injections: pain, redness, swelling, headache, infection, numbness and temporary shedding. Long-term risks of injected cell products are not known.

Sessions and cost
This is usually a single procedure. The fee is not refunded if the treatment does not work for you. Results are not guaranteed and may be temporary.

Before you sign
Tell us about bleeding disorders, blood thinners, infections, cancer, immune conditions and pregnancy. We take standard photos and measurements. You may withdraw this consent at any time before the procedure. Side effects can be reported to us and to the FDA MedWatch programme.`;

const EXOSOME_CONSENT = `What this is
Exosomes are tiny particles released by cells. Products sold for hair are usually made from donor cells grown in a laboratory, not from your own body.

Regulatory status
There are no FDA-approved exosome products. The FDA has warned that exosome products are drugs that need approval and has received reports of serious harm, including infections, from unapproved products. If this product is offered within a clinical trial, we will give you the trial's FDA IND number.

What the evidence shows
Very low certainty. A 2023 review found 16 studies, of which 15 were in animals or in the laboratory and only 1 in people. We do not know how well it works in people or how safe it is in the long term.

Alternatives
FDA-approved options exist: topical minoxidil (men and women) and oral finasteride (men). PRP uses your own blood. You may also choose no treatment.

Risks
Pain, redness and swelling at injection sites, headache, infection, allergic or immune reactions to donor material, possible transmission of infection from donor material, and unknown long-term effects.

Cost
Fees are not refunded if the treatment does not work for you. Results are not guaranteed.

Before you sign
Tell us about allergies, immune conditions, infections, cancer and pregnancy. You may withdraw this consent at any time before a session. Side effects can be reported to us and to the FDA MedWatch programme.`;

const PRP_PREP_STEPS = [
  {
    key: 'stop-nsaids',
    text: 'Stop aspirin, ibuprofen, naproxen and other anti-inflammatory medicines 7 days before, if your physician agrees. Do not stop a prescribed blood thinner without asking the doctor who prescribed it.',
    offsetHours: -168,
  },
  {
    key: 'no-alcohol',
    text: 'No alcohol for 48 hours before your session.',
    offsetHours: -48,
  },
  {
    key: 'eat-drink',
    text: 'Eat a normal meal and drink plenty of water on the day; it makes the blood draw easier.',
    offsetHours: -12,
  },
  {
    key: 'wash-hair',
    text: 'Wash your hair the morning of your session. Skip gels, sprays and oils afterwards.',
    offsetHours: -4,
  },
];

const ADIPOSE_PREP_STEPS = [
  {
    key: 'stop-nsaids',
    text: 'Stop aspirin and anti-inflammatory medicines 7 days before, if your physician agrees. Ask the prescriber before stopping any blood thinner.',
    offsetHours: -168,
  },
  {
    key: 'no-smoking',
    text: 'Avoid smoking and vaping for at least 48 hours before; it slows healing.',
    offsetHours: -48,
  },
  { key: 'no-alcohol', text: 'No alcohol for 48 hours before your procedure.', offsetHours: -48 },
  {
    key: 'arrange-ride',
    text: 'Arrange for someone to take you home after the procedure.',
    offsetHours: -24,
  },
  {
    key: 'wash-hair',
    text: 'Wash your hair the morning of your procedure and wear loose, comfortable clothes.',
    offsetHours: -4,
  },
];

const PRP_POST_CARE = `For the first day
Leave your scalp alone for 6 hours: no washing, hats that press, or hair products. Sleep with your head a little raised the first night if you have swelling.

What is normal
Mild redness, tenderness, a dull headache and some swelling (sometimes down to the forehead or around the eyes) for 1 to 3 days. Some people shed a little more hair for a few weeks.

Looking after your scalp
Wash gently from the next day with your usual mild shampoo and lukewarm water. Avoid hair dye, perms, strong treatments and minoxidil for 2 to 3 days. Keep out of strong sun, saunas and hard exercise for 48 hours; wear a loose hat outdoors. Avoid alcohol and anti-inflammatory painkillers for 3 days if you can; paracetamol (acetaminophen) is fine for pain unless you have been told otherwise.

When to call us
Call the clinic at once if you have a fever, redness that spreads or feels hot, pus, pain that is severe or getting worse, skin near an injection that turns pale, dusky or blotchy, bleeding that does not stop with firm pressure, changes in your vision, or swelling of the face or lips, hives or trouble breathing. If you have trouble breathing, chest pain or sudden vision changes, call 911 first. You can also report a side effect in the portal; we read every report.`;

const ADIPOSE_POST_CARE = `For the first days
Keep the harvest-site dressing on and dry for 48 hours and wear the compression garment as shown. Leave your scalp unwashed for 24 hours.

What is normal
Bruising, soreness and swelling at the harvest site for 1 to 2 weeks; scalp redness, tenderness, headache and swelling for a few days; some temporary shedding.

Looking after yourself
Wash your hair gently from day 2 with your usual mild shampoo. No swimming, saunas, hard exercise or strong sun for a week. Avoid alcohol and smoking while you heal.

When to call us
Call the clinic at once if you have a fever, redness that spreads or feels hot, pus or leaking from a wound, pain that is severe or getting worse, changes in your vision, or swelling of the face or lips, hives or trouble breathing. If you have trouble breathing or sudden vision changes, call 911 first.`;

const EXOSOME_POST_CARE = `What is normal
Redness, tenderness and mild swelling for 1 to 3 days.

Looking after your scalp
No washing for 6 hours, then your usual mild shampoo. Avoid strong sun, saunas and hair treatments for 48 hours.

When to call us
Call the clinic at once if you have a fever, redness that spreads or feels hot, pus, pain that is severe or getting worse, changes in your vision, or swelling of the face or lips, hives or trouble breathing. If you have trouble breathing or sudden vision changes, call 911 first.`;

const PREP_INTRO =
  'Tick each step when you have done it. If a step does not suit you, call us before your visit.';

/** Fixed ids keep the demo seed idempotent. */
export const DEFAULT_TEMPLATES: (TemplateVersionInput & { id: string })[] = [
  {
    id: 'demo-template-consent-prp',
    kind: 'consent',
    treatmentSlug: 'prp',
    title: 'Consent to platelet-rich plasma (PRP) scalp treatment',
    body: PRP_CONSENT,
    createdBy: null,
  },
  {
    id: 'demo-template-consent-adipose',
    kind: 'consent',
    treatmentSlug: 'adipose-derived-cell-therapy',
    title: 'Consent to adipose-derived (fat) cell scalp treatment',
    body: ADIPOSE_CONSENT,
    createdBy: null,
  },
  {
    id: 'demo-template-consent-exosomes',
    kind: 'consent',
    treatmentSlug: 'exosomes',
    title: 'Consent to exosome scalp treatment',
    body: EXOSOME_CONSENT,
    createdBy: null,
  },
  {
    id: 'demo-template-prep-prp',
    kind: 'preparation',
    treatmentSlug: 'prp',
    title: 'Getting ready for your PRP session',
    body: PREP_INTRO,
    steps: PRP_PREP_STEPS,
    createdBy: null,
  },
  {
    id: 'demo-template-prep-adipose',
    kind: 'preparation',
    treatmentSlug: 'adipose-derived-cell-therapy',
    title: 'Getting ready for your procedure',
    body: PREP_INTRO,
    steps: ADIPOSE_PREP_STEPS,
    createdBy: null,
  },
  {
    id: 'demo-template-post-prp',
    kind: 'post-care',
    treatmentSlug: 'prp',
    title: 'After your PRP session',
    body: PRP_POST_CARE,
    createdBy: null,
  },
  {
    id: 'demo-template-post-adipose',
    kind: 'post-care',
    treatmentSlug: 'adipose-derived-cell-therapy',
    title: 'After your procedure',
    body: ADIPOSE_POST_CARE,
    createdBy: null,
  },
  {
    id: 'demo-template-post-exosomes',
    kind: 'post-care',
    treatmentSlug: 'exosomes',
    title: 'After your exosome session',
    body: EXOSOME_POST_CARE,
    createdBy: null,
  },
];
