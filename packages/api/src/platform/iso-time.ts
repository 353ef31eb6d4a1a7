import { z } from '@hono/zod-openapi';

/** An instant in a request: ISO 8601 with `Z` or an offset (a time without a zone is ambiguous and refused). */
export const isoInstant = z.iso.datetime({ offset: true }).openapi({ format: 'date-time', example: '2026-03-01T10:00:00+08:00', description: 'ISO 8601 with Z or an offset' });
