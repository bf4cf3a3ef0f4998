import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PatientDocumentTable } from './documents.table';

/** A document with the name of whoever filed it. */
function documentRows(db: Kysely<Database>) {
  return db
    .selectFrom('patient_documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.patient_id',
      'd.title',
      'd.kind',
      'd.file_key',
      'd.mime',
      'd.size_bytes',
      'd.created_at',
      'd.uploaded_by',
      'u.name as uploaded_by_name',
    ]);
}

export type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentRows>['executeTakeFirstOrThrow']>>;

export function findDocumentRow(db: Kysely<Database>, id: string): Promise<DocumentRow | undefined> {
  return documentRows(db).where('d.id', '=', id).executeTakeFirst();
}

/** A patient's documents, newest first. */
export function listPatientDocumentRows(db: Kysely<Database>, patientId: string): Promise<DocumentRow[]> {
  return documentRows(db)
    .where('d.patient_id', '=', patientId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .execute();
}

export async function insertDocument(
  db: Kysely<Database>,
  row: Insertable<PatientDocumentTable>,
): Promise<void> {
  await db.insertInto('patient_documents').values(row).execute();
}

export async function deleteDocument(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('patient_documents').where('id', '=', id).execute();
}
