CREATE TABLE "service_record_keys" (
	"tenant_id" bigint NOT NULL,
	"source" varchar(32) NOT NULL,
	"external_id" varchar(100) NOT NULL,
	"record_id" bigint NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	CONSTRAINT "service_record_keys_tenant_id_source_external_id_pk" PRIMARY KEY("tenant_id","source","external_id")
);
--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "sla_version_id" bigint;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "response_breached" boolean;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "resolution_breached" boolean;