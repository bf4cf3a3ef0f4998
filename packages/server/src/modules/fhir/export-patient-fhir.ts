import type { Actor } from '@anagen/core/access';
import { buildPatientEverything } from '@anagen/core/fhir';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { questionnaireFhirEntries } from '../outcomes/questionnaires.fhir';
import { gatherPatientEverything } from './fhir.repository';

/**
 * The patient's FHIR R4 `$everything` bundle: what the API route answers and what
 * `anagen export-fhir` prints, so both exports hold the same records. Access is checked (and the
 * export audited) by the caller: the route's patient guard, or the CLI as the operator.
 */
export async function exportPatientFhir(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  _actor: Actor | null,
  input: { patientId: string },
): Promise<ReturnType<typeof buildPatientEverything>> {
  const { db, clock, config } = deps;
  const everything = await gatherPatientEverything(db.kysely, input.patientId);
  if (!everything) throw notFound('Patient');
  const base = `${config.publicUrl}/api/fhir`;
  const bundle = buildPatientEverything(everything, clock.now(), base);
  const extra = await questionnaireFhirEntries(db.kysely, input.patientId, base);
  bundle.entry.push(...extra);
  bundle.total += extra.length;
  return bundle;
}
