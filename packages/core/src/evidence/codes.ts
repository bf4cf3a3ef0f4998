/**
 * Codes shared by treatment entries (their contraindications) and the candidacy assessment
 * (which derives the active codes from a person's answers). Keep the two in one list so a
 * treatment can never name a contraindication the assessment cannot detect.
 */
export const CONTRAINDICATION_CODES = [
  'anticoagulants',
  'antiplatelets',
  'bleeding-disorder',
  'active-cancer',
  'active-scalp-infection',
  'scalp-inflammation',
  'scarring-alopecia',
  'autoimmune-disease',
  'pregnancy',
  'breastfeeding',
  'planning-pregnancy',
  'could-become-pregnant',
  'under-18',
  'isotretinoin',
  'heart-disease',
  'low-blood-pressure',
  'pheochromocytoma',
  'keloid-tendency',
  'photosensitivity',
  'immunosuppressed',
  'serious-infection',
  'unstable-hair-loss',
] as const;

export type ContraindicationCode = (typeof CONTRAINDICATION_CODES)[number];

/** Plain-language names for each code, for lists shown to patients and staff. */
export const CONTRAINDICATION_LABELS: Record<ContraindicationCode, string> = {
  anticoagulants: 'Taking a blood thinner (anticoagulant)',
  antiplatelets: 'Taking an antiplatelet medicine (for example aspirin or clopidogrel)',
  'bleeding-disorder': 'A platelet or bleeding disorder',
  'active-cancer': 'Active cancer or current chemotherapy',
  'active-scalp-infection': 'An active scalp infection',
  'scalp-inflammation': 'An inflamed scalp (redness, pustules or broken skin)',
  'scarring-alopecia': 'Signs of scarring hair loss',
  'autoimmune-disease': 'An autoimmune disease',
  pregnancy: 'Pregnancy',
  breastfeeding: 'Breastfeeding',
  'planning-pregnancy': 'Planning a pregnancy',
  'could-become-pregnant': 'Could become pregnant',
  'under-18': 'Younger than 18',
  isotretinoin: 'Taking isotretinoin',
  'heart-disease': 'Heart disease',
  'low-blood-pressure': 'Low blood pressure',
  pheochromocytoma: 'Pheochromocytoma (an adrenal tumour)',
  'keloid-tendency': 'A tendency to form keloid scars',
  photosensitivity: 'Sensitivity to light',
  immunosuppressed: 'A weakened immune system or immunosuppressive medicine',
  'serious-infection': 'A current serious infection',
  'unstable-hair-loss': 'Hair loss that is still changing quickly or has no clear pattern',
};

/** Conditions a treatment entry is meant for. */
export const HAIR_LOSS_CONDITIONS = ['androgenetic-alopecia', 'alopecia-areata'] as const;
export type HairLossCondition = (typeof HAIR_LOSS_CONDITIONS)[number];
