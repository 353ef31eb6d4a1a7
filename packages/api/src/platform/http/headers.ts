import { z } from '@hono/zod-openapi';

// Header parameters are declared by their lower-case names: that is how Hono's validator reads them,
// and HTTP header names are case-insensitive anyway.

/**
 * `If-Match` on updates. Optional in the schema so a missing header is answered 428 by `expectedVersion`
 * (precondition required) rather than 400.
 */
export const ifMatchHeader = z.object({
  'if-match': z.string().max(200).optional().openapi({ param: { in: 'header' }, description: 'Required: the ETag you read, or *' }),
});

/** `Idempotency-Key` on POST: same key + same body → the same result, no duplicate. */
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(200).optional().openapi({ param: { in: 'header' }, description: 'Same key + same body → same result, no duplicate' }),
});
