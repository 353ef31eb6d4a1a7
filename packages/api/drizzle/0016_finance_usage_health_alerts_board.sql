CREATE TABLE "invoices" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "invoices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(100) NOT NULL,
	"invoice_no" varchar(64),
	"contract_id" bigint,
	"amount" numeric(14, 2) NOT NULL,
	"currency" varchar(3) DEFAULT 'CNY' NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date NOT NULL,
	"paid_amount" numeric(14, 2) DEFAULT '0' NOT NULL,
	"paid_on" date,
	"status" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invoices_status_check" CHECK ("invoices"."status" in ('open', 'partially_paid', 'paid', 'void')),
	CONSTRAINT "invoices_amount_check" CHECK ("invoices"."amount" >= 0 and "invoices"."paid_amount" >= 0),
	CONSTRAINT "invoices_due_order_check" CHECK ("invoices"."due_on" >= "invoices"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"invoice_id" bigint,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(100) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"currency" varchar(3) DEFAULT 'CNY' NOT NULL,
	"paid_on" date NOT NULL,
	"method" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "payments_amount_check" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "churn_models" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "churn_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" varchar(32) NOT NULL,
	"parameters" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"trained_on" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" varchar(100),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "churn_models_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_policies" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"thresholds" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"alert_rules" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_score_history" (
	"tenant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"day" date NOT NULL,
	"score" smallint NOT NULL,
	"band" varchar(8) NOT NULL,
	"churn_probability" numeric(5, 4),
	"contributions" jsonb NOT NULL,
	CONSTRAINT "health_score_history_tenant_id_customer_id_day_pk" PRIMARY KEY("tenant_id","customer_id","day")
);
--> statement-breakpoint
CREATE TABLE "health_scores" (
	"tenant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"score" smallint NOT NULL,
	"band" varchar(8) NOT NULL,
	"churn_probability" numeric(5, 4),
	"stage" varchar(24) NOT NULL,
	"contributions" jsonb NOT NULL,
	"model_version" varchar(40) NOT NULL,
	"trigger" varchar(60) NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_scores_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id"),
	CONSTRAINT "health_scores_score_check" CHECK ("health_scores"."score" between 0 and 100),
	CONSTRAINT "health_scores_band_check" CHECK ("health_scores"."band" in ('green', 'yellow', 'red'))
);
--> statement-breakpoint
CREATE TABLE "ops_signals" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "ops_signals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(100) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"severity" varchar(16),
	"title" varchar(300),
	"description" text,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"period_start" date,
	"period_end" date,
	"availability_pct" numeric(6, 3),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_signals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "ops_signals_kind_check" CHECK ("ops_signals"."kind" in ('incident', 'availability')),
	CONSTRAINT "ops_signals_severity_check" CHECK ("ops_signals"."severity" is null or "ops_signals"."severity" in ('critical', 'major', 'minor')),
	CONSTRAINT "ops_signals_availability_check" CHECK ("ops_signals"."availability_pct" is null or "ops_signals"."availability_pct" between 0 and 100),
	CONSTRAINT "ops_signals_end_order_check" CHECK ("ops_signals"."ended_at" is null or "ops_signals"."ended_at" >= "ops_signals"."started_at")
);
--> statement-breakpoint
CREATE TABLE "risk_alerts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "risk_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"cause" varchar(32) NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"trigger" jsonb NOT NULL,
	"suggestion" jsonb,
	"notified" jsonb,
	"task_id" bigint,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "risk_alerts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "risk_alerts_status_check" CHECK ("risk_alerts"."status" in ('open', 'acknowledged', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "playbooks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" varchar(64) NOT NULL,
	"name" varchar(200) NOT NULL,
	"description" text,
	"tasks" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "playbooks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "task_comments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "task_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"author_id" bigint,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "usage_daily" (
	"tenant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"day" date NOT NULL,
	"logins" integer DEFAULT 0 NOT NULL,
	"active_users" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"feature_uses" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_daily_tenant_id_customer_id_day_pk" PRIMARY KEY("tenant_id","customer_id","day")
);
--> statement-breakpoint
CREATE TABLE "usage_event_keys" (
	"tenant_id" bigint NOT NULL,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(100) NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "usage_event_keys_tenant_id_source_external_id_pk" PRIMARY KEY("tenant_id","source","external_id")
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "risk_alert_id" bigint;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_score_history" ADD CONSTRAINT "health_history_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_signals" ADD CONSTRAINT "ops_signals_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_alerts" ADD CONSTRAINT "risk_alerts_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_comments" ADD CONSTRAINT "task_comments_task_fk" FOREIGN KEY ("tenant_id","task_id") REFERENCES "public"."tasks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_source_key" ON "invoices" USING btree ("tenant_id","source","external_id");--> statement-breakpoint
CREATE INDEX "invoices_customer_issued_idx" ON "invoices" USING btree ("tenant_id","customer_id","issued_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_source_key" ON "payments" USING btree ("tenant_id","source","external_id");--> statement-breakpoint
CREATE INDEX "payments_customer_paid_idx" ON "payments" USING btree ("tenant_id","customer_id","paid_on");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("tenant_id","invoice_id");--> statement-breakpoint
CREATE INDEX "churn_models_active_idx" ON "churn_models" USING btree ("tenant_id","active","id");--> statement-breakpoint
CREATE INDEX "health_scores_band_idx" ON "health_scores" USING btree ("tenant_id","band","score");--> statement-breakpoint
CREATE UNIQUE INDEX "ops_signals_source_key" ON "ops_signals" USING btree ("tenant_id","source","external_id");--> statement-breakpoint
CREATE INDEX "ops_signals_customer_idx" ON "ops_signals" USING btree ("tenant_id","customer_id","kind","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_alerts_one_open_key" ON "risk_alerts" USING btree ("tenant_id","customer_id","cause") WHERE "risk_alerts"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "risk_alerts_status_idx" ON "risk_alerts" USING btree ("tenant_id","status","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "playbooks_code_key" ON "playbooks" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "task_comments_task_idx" ON "task_comments" USING btree ("tenant_id","task_id","id");