import { changePasswordRequestSchema } from '@anagen/core/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from './change-password';

/** Any signed-in user changes their own password (change-password.ts); their other sessions end. */
export async function changePasswordRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/auth/change-password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        description: 'Change your own password; ends your other sessions',
        body: changePasswordRequestSchema,
        response: { 200: z.object({ otherSessionsEnded: z.number().int() }) },
      },
    },
    async (req) =>
      changePassword(app.deps, req.actor!, { ...req.body, sessionId: req.sessionId, ip: req.ip }),
  );
}
