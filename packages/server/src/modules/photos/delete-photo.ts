import { photoIdParamsSchema } from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { recordScope, scopedRecord } from '../../lib/patient-scope';
import { audit } from '../audit/audit.service';
import { deletePhotoWithMeasurements, findPhotoRow } from './photos.repository';
import type { PhotoTable } from './photos.table';

export const photoDeletionSchema = z.strictObject({ reason: z.string().trim().min(3).max(500) });

/**
 * `DELETE /api/photos/:id {reason}`: removes a photo filed by mistake (wrong patient, wrong view,
 * unusable) with its files and measurements. Clinicians may remove any photo they can write to;
 * a patient only a photo they uploaded themselves. The removal and its reason stay in the audit log.
 */
export function registerDeletePhoto(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().delete(
    '/api/photos/:id',
    {
      config: {
        access: ['patient', 'clinician'],
        patient: {
          resolve: async (deps, req) =>
            recordScope(await findPhotoRow(deps.db.kysely, (req.params as { id: string }).id)),
          notFound: 'Photo',
          hiddenAs: 'Photo',
          scope: (req) => (req.actor?.role === 'patient' ? 'patient-input' : 'clinical'),
          mode: 'write',
          action: 'photo.delete',
          resource: 'photo',
        },
      },
      schema: { tags: ['photos'], params: photoIdParamsSchema, body: photoDeletionSchema },
    },
    async (req, reply) => {
      const db = app.deps.db.kysely;
      const row = scopedRecord<PhotoTable>(req);
      const actor = req.actor!;
      if (actor.role === 'patient' && row.uploaded_by !== actor.userId) {
        throw new AppError(
          'FORBIDDEN',
          'You can remove photos you uploaded yourself; ask the clinic about this one.',
        );
      }
      await db.transaction().execute(async (trx) => {
        await deletePhotoWithMeasurements(trx, row.id);
        await audit(
          req,
          {
            action: 'photo.deleted',
            resource: 'photo',
            resourceId: row.id,
            patientId: row.patient_id,
            detail: `${row.view}${row.site ? ` ${row.site}` : ''} taken ${new Date(Number(row.taken_at)).toISOString().slice(0, 10)}: ${req.body.reason}`,
          },
          trx,
        );
      });
      // Files go after the rows: a crash in between leaves unreferenced files, never a broken photo.
      await Promise.all(
        [row.image_key, row.thumb_key, row.original_key].map((k) => app.deps.storage.delete(k)),
      );
      return reply.code(204).send();
    },
  );
}
