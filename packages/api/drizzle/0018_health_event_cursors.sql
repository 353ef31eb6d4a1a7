CREATE TABLE "health_event_cursors" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"last_event_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
SELECT crm_apply_tenant_rls('health_event_cursors');
