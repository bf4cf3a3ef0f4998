import { photoIdParamsSchema } from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { audit } from '../audit/audit.service';
import { requirePatientAccess } from '../patients/patient-access';
import { findPhotoRow } from './photos.repository';

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
      config: { access: ['patient', 'clinician'] },
      schema: { tags: ['photos'], params: photoIdParamsSchema, body: photoDeletionSchema },
    },
    async (req, reply) => {
      const db = app.deps.db.kysely;
      const row = await findPhotoRow(db, req.params.id);
      if (!row) throw notFound('Photo');
      const actor = req.actor!;
      try {
        await requirePatientAccess(req, row.patient_id, {
          scope: actor.role === 'patient' ? 'patient-input' : 'clinical',
          mode: 'write',
          action: 'photo.delete',
          resource: 'photo',
          resourceId: row.id,
        });
      } catch (err) {
        if (actor.role === 'patient') throw notFound('Photo');
        throw err;
      }
      if (actor.role === 'patient' && row.uploaded_by !== actor.userId) {
        throw new AppError(
          'FORBIDDEN',
          'You can remove photos you uploaded yourself; ask the clinic about this one.',
        );
      }
      await db.transaction().execute(async (trx) => {
        // Corrections and verifications reference their automatic row, which references the photo:
        // remove bottom-up (hair lists go with their measurement).
        await trx
          .deleteFrom('measurements')
          .where('photo_id', '=', row.id)
          .where('source', '!=', 'auto')
          .execute();
        await trx.deleteFrom('measurements').where('photo_id', '=', row.id).execute();
        await trx.deleteFrom('photos').where('id', '=', row.id).execute();
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
