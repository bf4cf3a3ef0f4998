/**
 * The evidence library and demo prices as data. Server and web import from here; core only sees
 * the already-parsed objects (it does no file I/O).
 */
import { type EvidenceLibrary, loadEvidenceLibrary, type RawEvidenceContent } from '@anagen/core/evidence';
import { type PriceDefault, parsePriceDefaults } from '@anagen/core/pricing';
import glossaryEntries from './glossary.json';
import alternatives from './guide/alternatives-and-combinations.json';
import basics from './guide/hair-loss-basics.json';
import results from './guide/how-long-results-last.json';
import myths from './guide/myths-and-facts.json';
import preclinical from './guide/preclinical-research.json';
import preparing from './guide/preparing-for-treatment.json';
import questions from './guide/questions-to-ask.json';
import sideEffects from './guide/side-effects-and-aftercare.json';
import stemCells from './guide/stem-cell-therapy-explained.json';
import whoMightBenefit from './guide/who-might-benefit.json';
import prices from './prices.json';
import references from './references.json';
import svf from './treatments/adipose-cell-therapy.json';
import cellFree from './treatments/cell-free-stem-cell-products.json';
import corticosteroid from './treatments/corticosteroid-injections.json';
import dutasteride from './treatments/dutasteride.json';
import exosomes from './treatments/exosomes.json';
import finasteride from './treatments/finasteride.json';
import micrografts from './treatments/hair-follicle-micrografts.json';
import transplant from './treatments/hair-transplant.json';
import jak from './treatments/jak-inhibitors.json';
import lllt from './treatments/low-level-laser.json';
import microneedling from './treatments/microneedling.json';
import oralMinoxidil from './treatments/oral-minoxidil.json';
import prp from './treatments/prp.json';
import topicalMinoxidil from './treatments/topical-minoxidil.json';

/** The content files exactly as stored, for tests and admin tooling. */
export const rawEvidenceContent: RawEvidenceContent = {
  references,
  treatments: [
    finasteride,
    topicalMinoxidil,
    oralMinoxidil,
    dutasteride,
    prp,
    lllt,
    microneedling,
    micrografts,
    transplant,
    svf,
    cellFree,
    exosomes,
    corticosteroid,
    jak,
  ],
  guide: [
    basics,
    stemCells,
    whoMightBenefit,
    preparing,
    questions,
    sideEffects,
    results,
    myths,
    alternatives,
    preclinical,
  ],
};

let library: EvidenceLibrary | undefined;
/** The validated, resolved library (validated once, on first use; throws if the content is invalid). */
export function getEvidenceLibrary(): EvidenceLibrary {
  library ??= loadEvidenceLibrary(rawEvidenceContent);
  return library;
}

let priceDefaults: PriceDefault[] | undefined;
/** Demo default prices per treatment (integer cents), validated once. */
export function getPriceDefaults(): PriceDefault[] {
  priceDefaults ??= parsePriceDefaults(prices);
  return priceDefaults;
}

/** A plain-language word list for terms patients meet in forms and results (issue 25). */
export interface GlossaryEntry {
  term: string;
  /** Health-condition codes of the assessment this term explains. */
  conditions: string[];
  definition: string;
}
export const glossary: readonly GlossaryEntry[] = glossaryEntries;
