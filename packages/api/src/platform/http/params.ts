import { z } from '@hono/zod-openapi';

/**
 * A positive integer id in the path (`/customers/{id}`), coerced from its text, documented as a path parameter.
 * @example const ContactParams = z.object({ id: pathId('id', 12345), contact_id: pathId('contact_id', 678) });
 */
export const pathId = (name: string, example: number) =>
  z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name, in: 'path' }, example });

/** The `{id}` of a route about one record (a customer, a contract, a task …). */
export const IdParam = z.object({ id: pathId('id', 12345) });
