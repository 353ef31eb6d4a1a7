CREATE TABLE "customer_contact_recency" (
	"tenant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"last_contact_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_contact_recency_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "customer_contact_recency" ADD CONSTRAINT "customer_contact_recency_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;