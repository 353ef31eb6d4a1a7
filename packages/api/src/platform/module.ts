import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/create-db.ts';
import type { AppEnv } from './app-env.ts';
import type { Config } from './config.ts';
import type { KeyRing } from './crypto/key-ring.ts';
import type { Logger } from './logger.ts';

/** What a background job receives: the database, the keys, a logger and the settings. */
export type JobDeps = { db: Db; keyRing: KeyRing; logger?: Logger; config: Config };

/**
 * A job a module runs on a timer in every replica (`server.ts` starts each one with `startPeriodicJob`).
 * `intervalMs` reads the module's own setting; 0 turns the job off. `run` is what tests call with a chosen clock.
 * @example { name: 'surveys.reminders', intervalMs: (c) => c.CRM_SURVEY_INTERVAL_MINUTES * 60_000, run: (deps, now) => runSurveyJobs(deps, now) }
 */
export type ModuleJob = {
  name: string;
  intervalMs: (config: Config) => number;
  run: (deps: JobDeps, now: Date) => Promise<unknown>;
};

/** Personal information a module holds about people (the privacy work reads this list). */
export type PersonalData = {
  table: PgTable;
  /** Whose data: a customer's contact, a lead, a portal or staff user, a survey respondent, a message's correspondent. */
  subject: 'contact' | 'lead' | 'user' | 'respondent' | 'correspondent';
  /** Columns holding it; `_enc` columns are encrypted, `_bidx` their blind indexes. */
  columns: readonly string[];
};

/** One OpenAPI tag of the contract, shown as a section of the API reference. */
export type ApiTag = { name: string; description: string };

/**
 * A feature module as the application sees it: one `<module>.module.ts` per module folder exports one,
 * and `modules/registry.ts` lists them once. The app mounts the routes, the server starts the jobs, the
 * contract publishes the tags, and the tables and personal data are what the module owns.
 */
export type CrmModule = {
  /** The folder: `<area>/<module>`. */
  name: `${string}/${string}`;
  /** Routers mounted under authentication, in order (a static path before a `{id}` path that would take it). */
  routes: readonly OpenAPIHono<AppEnv>[];
  /** Routers mounted before authentication (token issue, probes, survey links): they check access themselves. */
  openRoutes?: readonly OpenAPIHono<AppEnv>[];
  tags?: readonly ApiTag[];
  jobs?: readonly ModuleJob[];
  /** The tables this module owns: no other module reads or writes them (they use its front door). */
  tables: readonly PgTable[];
  personalData?: readonly PersonalData[];
};

/** Identity for typing: `export const tagsModule = defineModule({ ... })`. */
export function defineModule(module: CrmModule): CrmModule {
  return module;
}
