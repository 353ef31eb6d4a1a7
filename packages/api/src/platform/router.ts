import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.ts';
import { ApiError } from './errors.ts';

/**
 * A feature router: validation failures become `request.invalid` with the issues as details, in one
 * place, so handlers only ever see valid input.
 * @example export const customerRoutes = createRouter().openapi(createCustomerRoute, handler);
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          code: issue.code,
          message: issue.message,
        }));
        throw new ApiError('request.invalid', { target: result.target, issues });
      }
    },
  });
}
