import type { z } from 'zod';
import { extractCitationKeys, findMarketingTerms, UNVERIFIED_WORDING } from './citations';
import {
  type GuidePage,
  GuidePageSchema,
  type Reference,
  ReferenceSchema,
  type TreatmentEntry,
  TreatmentEntrySchema,
} from './schema';
import { collectProse, lastKey, type TextAt } from './text-walk';

export type EvidenceProblemCode =
  | 'schema'
  | 'duplicate-id'
  | 'uncited-claim'
  | 'uncited-number'
  | 'unresolved-citation'
  | 'unknown-study-id'
  | 'unused-study'
  | 'unused-reference'
  | 'inconsistent-reference'
  | 'marketing-language'
  | 'unverified-not-labelled'
  | 'unknown-treatment-link'
  | 'reference-without-authors'
  | 'reference-title-not-the-papers';

export interface EvidenceProblem {
  code: EvidenceProblemCode;
  /** `references`, `treatment:<slug>` or `guide:<slug>` (or an index when the slug is unreadable). */
  document: string;
  path: string;
  message: string;
}

/** Raw content as parsed from JSON, before validation. */
export interface RawEvidenceContent {
  references: readonly unknown[];
  treatments: readonly unknown[];
  guide: readonly unknown[];
}

export interface ParsedEvidenceContent {
  references: Reference[];
  treatments: TreatmentEntry[];
  guide: GuidePage[];
}

/** Fields whose text is a claim and must carry at least one citation marker. */
const MUST_CITE = new Set(['howItWorks', 'fact']);
/**
 * Titles and labels that may hold numbers (e.g. "Minoxidil 5 %") without a citation, and myths, which
 * quote the claim being corrected (the paired fact must cite).
 */
const NUMBER_EXEMPT = new Set([
  'name',
  'shortName',
  'heading',
  'title',
  'description',
  'label',
  // An effect's measure and control group name what its studyIds report; the studies are cited there.
  'measure',
  'controlLabel',
  'citation',
  'sourceName',
  'sourceDated',
  'myth',
]);

function parseAll<T>(
  schema: z.ZodType<T>,
  items: readonly unknown[],
  kind: string,
  problems: EvidenceProblem[],
): T[] {
  const out: T[] = [];
  items.forEach((item, i) => {
    const r = schema.safeParse(item);
    if (r.success) {
      out.push(r.data);
      return;
    }
    const name = (item as { slug?: unknown; id?: unknown } | null)?.slug ?? (item as { id?: unknown })?.id;
    for (const issue of r.error.issues) {
      problems.push({
        code: 'schema',
        document: `${kind}:${typeof name === 'string' ? name : i}`,
        path: issue.path.join('.'),
        message: issue.message,
      });
    }
  });
  return out;
}

function checkProse(
  document: string,
  texts: TextAt[],
  known: ReadonlySet<string>,
  cited: Set<string>,
  problems: EvidenceProblem[],
  citedBy: (t: TextAt) => boolean,
): void {
  for (const t of texts) {
    const keys = extractCitationKeys(t.text);
    for (const k of keys) {
      cited.add(k);
      if (!known.has(k)) {
        problems.push({
          code: 'unresolved-citation',
          document,
          path: t.path,
          message: `[^${k}] is not in the references`,
        });
      }
    }
    for (const term of findMarketingTerms(t.text)) {
      problems.push({ code: 'marketing-language', document, path: t.path, message: `uses "${term}"` });
    }
    const field = lastKey(t.path);
    if (keys.length === 0 && MUST_CITE.has(field)) {
      problems.push({ code: 'uncited-claim', document, path: t.path, message: 'this claim has no citation' });
    }
    if (keys.length === 0 && /\d/.test(t.text) && !NUMBER_EXEMPT.has(field) && !citedBy(t)) {
      problems.push({
        code: 'uncited-number',
        document,
        path: t.path,
        message: 'a figure without a citation',
      });
    }
  }
}

function auditTreatment(
  t: TreatmentEntry,
  known: ReadonlySet<string>,
  cited: Set<string>,
  problems: EvidenceProblem[],
): void {
  const document = `treatment:${t.slug}`;
  const studyIds = new Set(t.studies.map((s) => s.id));
  const usedStudies = new Set<string>();
  const checkIds = (ids: readonly string[], path: string) => {
    for (const id of ids) {
      usedStudies.add(id);
      if (!studyIds.has(id))
        problems.push({
          code: 'unknown-study-id',
          document,
          path,
          message: `${id} is not one of this entry's studies`,
        });
    }
  };
  checkIds(t.evidenceGrade.studyIds, 'evidenceGrade.studyIds');
  if (t.effect) checkIds(t.effect.studyIds, 'effect.studyIds');
  t.sideEffects.forEach((s, i) => {
    checkIds(s.studyIds, `sideEffects[${i}].studyIds`);
  });
  t.studies.forEach((s, i) => {
    cited.add(s.id);
    if (!known.has(s.id))
      problems.push({
        code: 'unresolved-citation',
        document,
        path: `studies[${i}].id`,
        message: `${s.id} is not in the references`,
      });
  });

  const texts = collectProse(t);
  // Study rows and side effects carry their source through ids, not markers.
  const sourcedByIds = (x: TextAt) =>
    x.path.startsWith('studies[') ||
    x.path === 'evidenceGrade.reason' ||
    (/^sideEffects\[(\d+)\]/.exec(x.path) !== null &&
      (t.sideEffects[Number(/^sideEffects\[(\d+)\]/.exec(x.path)?.[1])]?.studyIds.length ?? 0) > 0);
  checkProse(document, texts, known, cited, problems, sourcedByIds);
  for (const x of texts) for (const k of extractCitationKeys(x.text)) usedStudies.add(k);

  t.claims.forEach((c, i) => {
    const path = `claims[${i}].text`;
    if (extractCitationKeys(c.text).length === 0)
      problems.push({ code: 'uncited-claim', document, path, message: 'this claim has no citation' });
    if (c.unverified && !UNVERIFIED_WORDING.test(c.text))
      problems.push({
        code: 'unverified-not-labelled',
        document,
        path,
        message: 'say in the text that this is unverified',
      });
  });
  if (!t.regulatory.verified && !UNVERIFIED_WORDING.test(t.regulatory.label))
    problems.push({
      code: 'unverified-not-labelled',
      document,
      path: 'regulatory.label',
      message: 'say that the status is not yet verified',
    });
  t.contraindications.forEach((c, i) => {
    if (!c.verified && !UNVERIFIED_WORDING.test(c.note))
      problems.push({
        code: 'unverified-not-labelled',
        document,
        path: `contraindications[${i}].note`,
        message: 'say that this is not yet verified',
      });
  });
  for (const id of studyIds)
    if (!usedStudies.has(id))
      problems.push({
        code: 'unused-study',
        document,
        path: 'studies',
        message: `${id} is listed but never cited`,
      });
}

/** Reference types that are papers or chapters, and so have authors and a title of their own. */
const SCHOLARLY = new Set<Reference['type']>([
  'rct',
  'meta-analysis',
  'systematic-review',
  'narrative-review',
  'cohort',
  'case-series',
  'preclinical',
]);
/**
 * Vancouver-style author list at the start: a surname (particles like "do" allowed, several words
 * allowed) followed by initials, e.g. "Tak YJ,", "Ou K-L,", "do Nascimento IJB,", "Lee J, et al.".
 * "Kim et al." or "Tsai and Garza." has no initials and so names no real author list.
 */
const AUTHORS =
  /^(?:(?:de|da|do|van|von|der|le|la|di) )*[A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+)* [A-Z]{1,3}(?:-[A-Z])?[,.]/u;
/** Words a description of a paper starts with, where the paper's own title should be. */
const DESCRIPTIVE_TITLE =
  /(?:^|\. )(?:Table of|Report (?:of|on)|Summary of|Case series of|Meta-analysis of|Review of|Randomi[sz]ed trial of|Split-scalp trial of|Retrospective cohort of|Half-head, [^.]*trial of|Book chapter|Hair density in people of)|\((?:PMC\d+|n=\d+|\d+ studies)[^)]*\)/;

/**
 * A paper must be cited with its authors and its own title. A reference whose details could not be
 * checked against the paper yet says so in `unverifiedBibliography`, and the page shows that note.
 */
function auditBibliography(r: Reference, problems: EvidenceProblem[]): void {
  if (!SCHOLARLY.has(r.type) || r.unverifiedBibliography) return;
  if (!AUTHORS.test(r.citation))
    problems.push({
      code: 'reference-without-authors',
      document: 'references',
      path: r.id,
      message: 'name the authors (surname and initials) as the paper does',
    });
  if (DESCRIPTIVE_TITLE.test(r.citation))
    problems.push({
      code: 'reference-title-not-the-papers',
      document: 'references',
      path: r.id,
      message: 'this describes the paper; use the paper’s own title',
    });
}

/**
 * Checks the whole evidence library: schema validity, every claim cited, every citation resolved,
 * every reference used, no marketing language, unverified material labelled as such. Returns the
 * problems (empty when the content is publishable) together with whatever parsed cleanly.
 */
export function auditEvidenceLibrary(raw: RawEvidenceContent): {
  problems: EvidenceProblem[];
  parsed: ParsedEvidenceContent;
} {
  const problems: EvidenceProblem[] = [];
  const references = parseAll(ReferenceSchema, raw.references, 'reference', problems);
  const treatments = parseAll(TreatmentEntrySchema, raw.treatments, 'treatment', problems);
  const guide = parseAll(GuidePageSchema, raw.guide, 'guide', problems);

  const dup = (ids: string[], kind: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id))
        problems.push({ code: 'duplicate-id', document: kind, path: id, message: `${id} appears twice` });
      seen.add(id);
    }
  };
  dup(
    references.map((r) => r.id),
    'references',
  );
  dup(
    treatments.map((t) => t.slug),
    'treatments',
  );
  dup(
    guide.map((g) => g.slug),
    'guide',
  );
  const byDoi = new Map<string, string>();
  for (const r of references) {
    if (!r.doi) continue;
    const other = byDoi.get(r.doi.toLowerCase());
    if (other)
      problems.push({
        code: 'inconsistent-reference',
        document: 'references',
        path: r.id,
        message: `same DOI as ${other}`,
      });
    byDoi.set(r.doi.toLowerCase(), r.id);
  }

  for (const r of references) auditBibliography(r, problems);

  const known = new Set(references.map((r) => r.id));
  const cited = new Set<string>();
  for (const t of treatments) auditTreatment(t, known, cited, problems);

  const slugs = new Set(treatments.map((t) => t.slug));
  for (const page of guide) {
    const document = `guide:${page.slug}`;
    checkProse(document, collectProse(page), known, cited, problems, () => false);
    page.sections.forEach((s, si) => {
      s.blocks.forEach((b, bi) => {
        const path = `sections[${si}].blocks[${bi}]`;
        if (b.type === 'paragraph' && !b.advice && extractCitationKeys(b.text).length === 0)
          problems.push({
            code: 'uncited-claim',
            document,
            path,
            message: 'paragraph has no citation (mark practical advice with advice: true)',
          });
        if (b.type === 'treatment-links')
          for (const sl of b.slugs)
            if (!slugs.has(sl))
              problems.push({
                code: 'unknown-treatment-link',
                document,
                path,
                message: `no treatment ${sl}`,
              });
      });
    });
  }

  for (const r of references)
    if (!cited.has(r.id))
      problems.push({
        code: 'unused-reference',
        document: 'references',
        path: r.id,
        message: `${r.id} is never cited`,
      });

  return { problems, parsed: { references, treatments, guide } };
}
