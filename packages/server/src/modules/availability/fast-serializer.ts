import fastJson from 'fast-json-stringify';
import { z } from 'zod';

/**
 * Per-route serializer compiled from the zod response schema into fast-json-stringify (what Fastify
 * uses for plain JSON schemas). The zod compiler re-parses every value before JSON.stringify, which
 * dominates on large slot lists; here the handler's output is trusted and only shaped.
 */
export function fastSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  const json = z.toJSONSchema(schema as z.ZodType, { target: 'draft-7', io: 'output' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return fastJson(json as unknown as Parameters<typeof fastJson>[0]);
}
