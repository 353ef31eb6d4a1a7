CREATE TABLE "communication_keys" (
	"tenant_id" bigint NOT NULL,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(300) NOT NULL,
	"communication_id" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "communication_keys_tenant_id_source_external_id_pk" PRIMARY KEY("tenant_id","source","external_id")
);
--> statement-breakpoint
CREATE TABLE "communications" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "communications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone NOT NULL,
	"customer_id" bigint NOT NULL,
	"kind" varchar(16) NOT NULL,
	"direction" varchar(16),
	"channel" varchar(32),
	"subject" varchar(500),
	"body" text,
	"ended_at" timestamp with time zone,
	"duration_seconds" integer,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"thread_key" varchar(300),
	"source" varchar(32),
	"external_id" varchar(300),
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communications_tenant_id_occurred_at_id_pk" PRIMARY KEY("tenant_id","occurred_at","id"),
	CONSTRAINT "communications_kind_check" CHECK ("communications"."kind" in ('call', 'meeting', 'email', 'im')),
	CONSTRAINT "communications_direction_check" CHECK ("communications"."direction" is null or "communications"."direction" in ('inbound', 'outbound', 'internal')),
	CONSTRAINT "communications_end_order_check" CHECK ("communications"."ended_at" is null or "communications"."ended_at" >= "communications"."occurred_at"),
	CONSTRAINT "communications_duration_check" CHECK ("communications"."duration_seconds" is null or "communications"."duration_seconds" >= 0)
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
CREATE TABLE "complaint_classifier_corrections" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "complaint_classifier_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" bigint NOT NULL,
	"text" text NOT NULL,
	"category" varchar(32),
	"severity" varchar(16),
	"sentiment" varchar(16),
	"predicted" jsonb NOT NULL,
	"corrected_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_classifier_corrections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "complaint_escalations" (
	"tenant_id" bigint NOT NULL,
	"complaint_id" bigint NOT NULL,
	"deadline" varchar(16) NOT NULL,
	"level" smallint NOT NULL,
	"level_name" varchar(32) NOT NULL,
	"notified_user_ids" bigint[] NOT NULL,
	"escalated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_escalations_tenant_id_complaint_id_deadline_level_pk" PRIMARY KEY("tenant_id","complaint_id","deadline","level"),
	CONSTRAINT "complaint_escalations_deadline_check" CHECK ("complaint_escalations"."deadline" in ('acknowledge', 'resolve'))
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "complaint_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" bigint NOT NULL,
	"event" varchar(32) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16),
	"actor_id" bigint,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "complaint_policies" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"chain" jsonb NOT NULL,
	"deadlines" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "complaints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_no" varchar(32) NOT NULL,
	"customer_id" bigint NOT NULL,
	"contact_id" bigint,
	"source" varchar(16) NOT NULL,
	"service_record_id" bigint,
	"service_record_opened_at" timestamp with time zone,
	"submitted_by" bigint,
	"title" varchar(300) NOT NULL,
	"description" text NOT NULL,
	"classification" jsonb NOT NULL,
	"category" varchar(32) NOT NULL,
	"severity" varchar(16) NOT NULL,
	"sentiment" varchar(16) NOT NULL,
	"corrected_by" bigint,
	"priority" varchar(2) NOT NULL,
	"status" varchar(16) DEFAULT 'open' NOT NULL,
	"assignee_id" bigint,
	"queue" varchar(64),
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"cause" text,
	"impact_scope" text,
	"solution" text,
	"improvement_measures" text,
	"customer_confirmation" varchar(16),
	"customer_feedback" text,
	"customer_satisfaction" smallint,
	"lessons_learned" text,
	"escalation_level" smallint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "complaints_source_check" CHECK ("complaints"."source" in ('staff', 'portal', 'ticket')),
	CONSTRAINT "complaints_status_check" CHECK ("complaints"."status" in ('open', 'acknowledged', 'investigating', 'resolved', 'closed')),
	CONSTRAINT "complaints_priority_check" CHECK ("complaints"."priority" in ('P1', 'P2', 'P3', 'P4')),
	CONSTRAINT "complaints_satisfaction_check" CHECK ("complaints"."customer_satisfaction" is null or "complaints"."customer_satisfaction" between 1 and 5),
	CONSTRAINT "complaints_confirmation_check" CHECK ("complaints"."customer_confirmation" is null or "complaints"."customer_confirmation" in ('accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" varchar(300) NOT NULL,
	"description" text,
	"type" varchar(32) NOT NULL,
	"status" varchar(16) DEFAULT 'todo' NOT NULL,
	"priority" varchar(16) DEFAULT 'normal' NOT NULL,
	"assignee_id" bigint,
	"due_date" date,
	"customer_id" bigint,
	"communication_id" bigint,
	"communication_occurred_at" timestamp with time zone,
	"complaint_id" bigint,
	"contract_id" bigint,
	"position" double precision DEFAULT 0 NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_key" varchar(200),
	"created_by" bigint,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tasks_type_check" CHECK ("tasks"."type" in ('action_item', 'care_call', 'qbr', 'renewal_preparation', 'onboarding_step', 'risk_mitigation', 'complaint_follow_up')),
	CONSTRAINT "tasks_status_check" CHECK ("tasks"."status" in ('todo', 'in_progress', 'blocked', 'done')),
	CONSTRAINT "tasks_priority_check" CHECK ("tasks"."priority" in ('low', 'normal', 'high', 'urgent'))
);
--> statement-breakpoint
ALTER TABLE "complaint_classifier_corrections" ADD CONSTRAINT "complaint_corrections_complaint_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_escalations" ADD CONSTRAINT "complaint_escalations_complaint_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communications_customer_occurred_idx" ON "communications" USING btree ("tenant_id","customer_id","occurred_at");--> statement-breakpoint
CREATE INDEX "communications_thread_idx" ON "communications" USING btree ("tenant_id","thread_key");--> statement-breakpoint
CREATE INDEX "complaint_corrections_complaint_idx" ON "complaint_classifier_corrections" USING btree ("tenant_id","complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("tenant_id","complaint_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_no_key" ON "complaints" USING btree ("tenant_id","complaint_no");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_open_ack_idx" ON "complaints" USING btree ("tenant_id","acknowledge_due_at") WHERE "complaints"."status" = 'open';--> statement-breakpoint
CREATE INDEX "complaints_unresolved_idx" ON "complaints" USING btree ("tenant_id","resolve_due_at") WHERE "complaints"."status" in ('open', 'acknowledged', 'investigating');--> statement-breakpoint
CREATE INDEX "complaints_assignee_idx" ON "complaints" USING btree ("tenant_id","assignee_id","status");--> statement-breakpoint
CREATE INDEX "complaints_lessons_trgm_idx" ON "complaints" USING gin ("lessons_learned" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_source_key" ON "tasks" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "tasks_assignee_status_idx" ON "tasks" USING btree ("tenant_id","assignee_id","status","position");--> statement-breakpoint
CREATE INDEX "tasks_customer_idx" ON "tasks" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "tasks_complaint_idx" ON "tasks" USING btree ("tenant_id","complaint_id");