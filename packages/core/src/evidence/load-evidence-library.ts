import {
  auditEvidenceLibrary,
  type EvidenceProblem,
  type RawEvidenceContent,
} from './audit-evidence-library';
import { extractCitationKeys } from './citations';
import type { GuidePage, Reference, StudyEntry, TreatmentEntry } from './schema';
import { collectProse } from './text-walk';

/** A bibliography entry with its footnote number on one page (1-based, in order of first citation). */
export type NumberedReference = Reference & { number: number };

/** A study row joined with its bibliography entry. */
export type Study = StudyEntry & Pick<Reference, 'citation' | 'doi' | 'url' | 'type' | 'year' | 'note'>;

export type Treatment = Omit<TreatmentEntry, 'studies'> & {
  studies: Study[];
  /** Every source this entry cites, numbered for footnotes. */
  references: NumberedReference[];
};

export type GuideDocument = GuidePage & { references: NumberedReference[] };

export interface EvidenceLibrary {
  references: Reference[];
  treatments: Treatment[];
  /** Guide pages sorted by `order`. */
  guide: GuideDocument[];
}

export class EvidenceLibraryError extends Error {
  constructor(readonly problems: EvidenceProblem[]) {
    super(
      `evidence library has ${problems.length} problem(s): ${problems
        .slice(0, 5)
        .map((p) => `${p.document} ${p.path}: ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'EvidenceLibraryError';
  }
}

function numberReferences(keys: Iterable<string>, byId: ReadonlyMap<string, Reference>): NumberedReference[] {
  const out: NumberedReference[] = [];
  const seen = new Set<string>();
  for (const k of keys) {
    const ref = byId.get(k);
    if (seen.has(k) || !ref) continue;
    seen.add(k);
    out.push({ ...ref, number: out.length + 1 });
  }
  return out;
}

function citedKeys(doc: unknown): string[] {
  return collectProse(doc).flatMap((t) => extractCitationKeys(t.text));
}

/**
 * Validates already-parsed content (core does no file I/O) and returns it resolved: studies joined to
 * their citations, and per-document numbered reference lists for footnotes. Throws
 * `EvidenceLibraryError` listing every problem when the content is not publishable.
 */
export function loadEvidenceLibrary(raw: RawEvidenceContent): EvidenceLibrary {
  const { problems, parsed } = auditEvidenceLibrary(raw);
  if (problems.length > 0) throw new EvidenceLibraryError(problems);
  const byId = new Map(parsed.references.map((r) => [r.id, r]));

  const treatments = parsed.treatments.map((t): Treatment => {
    const studies = t.studies.map((s): Study => {
      const r = byId.get(s.id) as Reference;
      return { ...s, citation: r.citation, doi: r.doi, url: r.url, type: r.type, year: r.year, note: r.note };
    });
    const references = numberReferences([...citedKeys(t), ...t.studies.map((s) => s.id)], byId);
    return { ...t, studies, references };
  });
  const guide = [...parsed.guide]
    .sort((a, b) => a.order - b.order)
    .map((g): GuideDocument => ({ ...g, references: numberReferences(citedKeys(g), byId) }));
  return { references: parsed.references, treatments, guide };
}

/** Footnote numbers of a document's references, for `splitCitations`. */
export function footnoteNumbers(refs: readonly NumberedReference[]): Map<string, number> {
  return new Map(refs.map((r) => [r.id, r.number]));
}

/** The link for a reference: its DOI resolver URL when it has a DOI, else its URL. */
export function referenceHref(ref: Pick<Reference, 'doi' | 'url'>): string {
  return ref.doi ? `https://doi.org/${ref.doi}` : (ref.url ?? '');
}
