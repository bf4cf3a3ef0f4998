/** Lower case, accents removed, punctuation dropped, single spaces: "  José  O'Neil " → "jose oneil". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/**
 * Whether the name a patient typed to sign a consent is their name on record. Case, accents,
 * punctuation and spacing are forgiven; a different or partial name is not.
 */
export function typedNameMatches(typed: string, nameOnRecord: string): boolean {
  const a = normaliseName(typed);
  return a.length > 0 && a === normaliseName(nameOnRecord);
}
