import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, foreignKey, index, jsonb, numeric, pgTable, primaryKey, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';
import { identityId, rowVersion, tenantId } from '../../../db/columns.ts';
import { customers } from '../../customers/customers/customers.schema.ts';

export const HEALTH_BANDS = ['green', 'yellow', 'red'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

/** One factor's share of a score: why the score is what it is. */
export type HealthContribution = { factor: string; value: number | null; score: number; weight: number; points: number; detail?: Record<string, unknown> };

/** The current health of each customer (0–100, band, churn probability) with the factor contributions. */
export const healthScores = pgTable(
  'health_scores',
  {
    tenant_id: tenantId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    score: smallint('score').notNull(),
    band: varchar('band', { length: 8 }).$type<HealthBand>().notNull(),
    churn_probability: numeric('churn_probability', { precision: 5, scale: 4 }),
    /** The lifecycle stage whose weights applied (`onboarding`, `established`, …). */
    stage: varchar('stage', { length: 24 }).notNull(),
    contributions: jsonb('contributions').$type<HealthContribution[]>().notNull(),
    /** `weights-<version>` for the configured weights, `churn-<model id>` when a trained model gave the probability. */
    model_version: varchar('model_version', { length: 40 }).notNull(),
    /** What made it recompute: `nightly`, or the event type that arrived. */
    trigger: varchar('trigger', { length: 60 }).notNull(),
    computed_at: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.customer_id] }),
    index('health_scores_band_idx').on(t.tenant_id, t.band, t.score),
    check('health_scores_score_check', sql`${t.score} between 0 and 100`),
    check('health_scores_band_check', sql`${t.band} in ('green', 'yellow', 'red')`),
    foreignKey({ name: 'health_scores_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

/** The score of each customer per business day (the last computation of the day), for trends and backtests. */
export const healthScoreHistory = pgTable(
  'health_score_history',
  {
    tenant_id: tenantId(),
    customer_id: bigint('customer_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    score: smallint('score').notNull(),
    band: varchar('band', { length: 8 }).$type<HealthBand>().notNull(),
    churn_probability: numeric('churn_probability', { precision: 5, scale: 4 }),
    contributions: jsonb('contributions').$type<HealthContribution[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenant_id, t.customer_id, t.day] }),
    foreignKey({ name: 'health_history_customer_fk', columns: [t.tenant_id, t.customer_id], foreignColumns: [customers.tenant_id, customers.id] }).onDelete('cascade'),
  ],
);

/** Band thresholds, weights per lifecycle stage and alert rules of a tenant; absent → the defaults in code. */
export const healthPolicies = pgTable('health_policies', {
  tenant_id: tenantId().primaryKey(),
  /** `{ green: 70, yellow: 40 }`: green at or above 70, red below 40. */
  thresholds: jsonb('thresholds').$type<{ green: number; yellow: number }>().notNull(),
  /** Factor weights per lifecycle stage. */
  weights: jsonb('weights').$type<Record<string, Record<string, number>>>().notNull(),
  /** Alert rules: points fallen within 30 days, churn probability threshold. */
  alert_rules: jsonb('alert_rules').$type<{ fall_points: number; churn_probability: number }>().notNull(),
  version: rowVersion(),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A churn model trained on the tenant's own history, with its backtest; the newest active one is used. */
export const churnModels = pgTable(
  'churn_models',
  {
    tenant_id: tenantId(),
    id: identityId(),
    kind: varchar('kind', { length: 32 }).notNull(),
    /** Feature names, coefficients, scaling and calibration: everything needed to score. */
    parameters: jsonb('parameters').$type<Record<string, unknown>>().notNull(),
    /** Backtest on the held-out split: ROC-AUC, recall of churners in the high-risk band, precision, sizes. */
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    trained_on: jsonb('trained_on').$type<Record<string, unknown>>().notNull(),
    active: boolean('active').notNull().default(true),
    created_by: varchar('created_by', { length: 100 }),
    created_at: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenant_id, t.id] }), index('churn_models_active_idx').on(t.tenant_id, t.active, t.id)],
);

export type HealthScoreRow = typeof healthScores.$inferSelect;

/** How far a tenant's health recomputation has read the event outbox: events after `last_event_id` are new. */
export const healthEventCursors = pgTable('health_event_cursors', {
  tenant_id: tenantId().primaryKey(),
  last_event_id: bigint('last_event_id', { mode: 'number' }).notNull().default(0),
  updated_at: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
