CREATE TABLE "contract_reminders" (
	"tenant_id" bigint NOT NULL,
	"contract_id" bigint NOT NULL,
	"offset_days" integer NOT NULL,
	"due_date" date NOT NULL,
	"outcome" varchar(16) NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_reminders_tenant_id_contract_id_offset_days_pk" PRIMARY KEY("tenant_id","contract_id","offset_days"),
	CONSTRAINT "contract_reminders_outcome_check" CHECK ("contract_reminders"."outcome" in ('send', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "contract_terms" (
	"tenant_id" bigint NOT NULL,
	"contract_id" bigint NOT NULL,
	"terms_version" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"terms" jsonb NOT NULL,
	"reason" text,
	"actor_id" varchar(100),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_terms_tenant_id_contract_id_terms_version_pk" PRIMARY KEY("tenant_id","contract_id","terms_version"),
	CONSTRAINT "contract_terms_period_check" CHECK ("contract_terms"."effective_to" is null or "contract_terms"."effective_from" <= "contract_terms"."effective_to")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recipient_id" bigint NOT NULL,
	"kind" varchar(64) NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"body_zh" text,
	"body_en" text,
	"entity_type" varchar(32),
	"entity_id" varchar(64),
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "service_records" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "service_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"opened_at" timestamp with time zone NOT NULL,
	"customer_id" bigint NOT NULL,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(100) NOT NULL,
	"ticket_no" varchar(64),
	"title" varchar(300) NOT NULL,
	"description" text,
	"category" varchar(64),
	"priority" varchar(2) NOT NULL,
	"channel" varchar(32),
	"status" varchar(32) NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"assignee" varchar(100),
	"satisfaction_rating" smallint,
	"satisfaction_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_records_tenant_id_opened_at_id_pk" PRIMARY KEY("tenant_id","opened_at","id"),
	CONSTRAINT "service_records_priority_check" CHECK ("service_records"."priority" in ('P1', 'P2', 'P3', 'P4')),
	CONSTRAINT "service_records_rating_check" CHECK ("service_records"."satisfaction_rating" is null or "service_records"."satisfaction_rating" between 1 and 5),
	CONSTRAINT "service_records_response_order_check" CHECK ("service_records"."first_response_at" is null or "service_records"."first_response_at" >= "service_records"."opened_at"),
	CONSTRAINT "service_records_resolution_order_check" CHECK ("service_records"."resolved_at" is null or "service_records"."resolved_at" >= "service_records"."opened_at")

) PARTITION BY RANGE ("opened_at");
--> statement-breakpoint
CREATE TABLE "contract_sla_bindings" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "contract_sla_bindings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contract_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"sla_version_id" bigint NOT NULL,
	"tier_rank" integer NOT NULL,
	"effective" "tstzrange" NOT NULL,
	"trigger" varchar(16) NOT NULL,
	"basis" varchar(16) NOT NULL,
	"reason" text NOT NULL,
	"created_by" varchar(100),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_sla_bindings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contract_sla_bindings_trigger_check" CHECK ("contract_sla_bindings"."trigger" in ('activation', 'amendment', 'renewal', 'level_change', 'manual', 'reconcile')),
	CONSTRAINT "contract_sla_bindings_basis_check" CHECK ("contract_sla_bindings"."basis" in ('contract_terms', 'recommendation', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "sla_binding_proposals" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sla_binding_proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contract_id" bigint NOT NULL,
	"current_version_id" bigint NOT NULL,
	"proposed_version_id" bigint NOT NULL,
	"trigger" varchar(16) NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"decided_by" varchar(100),
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_binding_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sla_binding_proposals_status_check" CHECK ("sla_binding_proposals"."status" in ('open', 'applied', 'dismissed'))
);
--> statement-breakpoint
CREATE TABLE "sla_tiers" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sla_tiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" varchar(32) NOT NULL,
	"name_zh" varchar(50) NOT NULL,
	"name_en" varchar(50) NOT NULL,
	"rank" smallint NOT NULL,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_tiers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sla_versions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sla_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tier_id" bigint NOT NULL,
	"version_no" integer NOT NULL,
	"status" varchar(16) DEFAULT 'draft' NOT NULL,
	"service_hours" varchar(8) NOT NULL,
	"targets" jsonb NOT NULL,
	"availability_target" numeric(6, 3) NOT NULL,
	"escalation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_credits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviews_per_year" smallint DEFAULT 0 NOT NULL,
	"notes" text,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"created_by" varchar(100),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_versions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sla_versions_status_check" CHECK ("sla_versions"."status" in ('draft', 'published', 'retired')),
	CONSTRAINT "sla_versions_hours_check" CHECK ("sla_versions"."service_hours" in ('7x24', '5x8')),
	CONSTRAINT "sla_versions_availability_check" CHECK ("sla_versions"."availability_target" > 0 and "sla_versions"."availability_target" <= 100),
	CONSTRAINT "sla_versions_published_check" CHECK (("sla_versions"."status" = 'draft') = ("sla_versions"."published_at" is null))
);
--> statement-breakpoint
CREATE TABLE "working_calendars" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"override" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" varchar(100),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "sla_tier_code" varchar(32);--> statement-breakpoint
ALTER TABLE "contract_reminders" ADD CONSTRAINT "contract_reminders_contract_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_terms" ADD CONSTRAINT "contract_terms_contract_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_sla_bindings" ADD CONSTRAINT "contract_sla_bindings_contract_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_sla_bindings" ADD CONSTRAINT "contract_sla_bindings_version_fk" FOREIGN KEY ("tenant_id","sla_version_id") REFERENCES "public"."sla_versions"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_binding_proposals" ADD CONSTRAINT "sla_binding_proposals_contract_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_binding_proposals" ADD CONSTRAINT "sla_binding_proposals_current_fk" FOREIGN KEY ("tenant_id","current_version_id") REFERENCES "public"."sla_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_binding_proposals" ADD CONSTRAINT "sla_binding_proposals_proposed_fk" FOREIGN KEY ("tenant_id","proposed_version_id") REFERENCES "public"."sla_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_versions" ADD CONSTRAINT "sla_versions_tier_fk" FOREIGN KEY ("tenant_id","tier_id") REFERENCES "public"."sla_tiers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" USING btree ("tenant_id","recipient_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("tenant_id","recipient_id","id");--> statement-breakpoint
CREATE INDEX "service_records_customer_opened_idx" ON "service_records" USING btree ("tenant_id","customer_id","opened_at");--> statement-breakpoint
CREATE INDEX "contract_sla_bindings_contract_idx" ON "contract_sla_bindings" USING btree ("tenant_id","contract_id");--> statement-breakpoint
CREATE INDEX "sla_binding_proposals_contract_idx" ON "sla_binding_proposals" USING btree ("tenant_id","contract_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_tiers_code_key" ON "sla_tiers" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_versions_tier_no_key" ON "sla_versions" USING btree ("tenant_id","tier_id","version_no");