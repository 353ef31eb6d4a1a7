CREATE TABLE "contract_transitions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "contract_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contract_id" bigint NOT NULL,
	"event" varchar(32) NOT NULL,
	"from_state" varchar(24) NOT NULL,
	"to_state" varchar(24) NOT NULL,
	"actor_id" varchar(100),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"successor_id" bigint,
	"effective_date" date,
	"request_id" varchar(100),
	CONSTRAINT "contract_transitions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contract_no" varchar(32) NOT NULL,
	"customer_id" bigint NOT NULL,
	"title" varchar(200) NOT NULL,
	"kind" varchar(16) DEFAULT 'new' NOT NULL,
	"state" varchar(24) DEFAULT 'draft' NOT NULL,
	"predecessor_id" bigint,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"signing_date" date,
	"customer_signatory_id" bigint,
	"staff_signatory_id" bigint,
	"owner_id" bigint,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"notice_period_days" integer DEFAULT 30 NOT NULL,
	"terminated_on" date,
	"termination_reason" text,
	"amount" numeric(15, 2) DEFAULT '0' NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"billing_cycle" varchar(16) DEFAULT 'yearly' NOT NULL,
	"covered_services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contracts_period_check" CHECK ("contracts"."start_date" <= "contracts"."end_date"),
	CONSTRAINT "contracts_amount_check" CHECK ("contracts"."amount" >= 0),
	CONSTRAINT "contracts_notice_check" CHECK ("contracts"."notice_period_days" >= 0),
	CONSTRAINT "contracts_kind_check" CHECK ("contracts"."kind" in ('new', 'renewal', 'expansion')),
	CONSTRAINT "contracts_state_check" CHECK ("contracts"."state" in ('draft', 'pending_approval', 'active', 'expiring', 'renewed', 'expired', 'terminated', 'rejected', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "contract_transitions" ADD CONSTRAINT "contract_transitions_contract_fk" FOREIGN KEY ("tenant_id","contract_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_customer_fk" FOREIGN KEY ("tenant_id","customer_id") REFERENCES "public"."customers"("tenant_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_predecessor_fk" FOREIGN KEY ("tenant_id","predecessor_id") REFERENCES "public"."contracts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_customer_signatory_fk" FOREIGN KEY ("tenant_id","customer_signatory_id") REFERENCES "public"."customer_contacts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_transitions_contract_idx" ON "contract_transitions" USING btree ("tenant_id","contract_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_no_key" ON "contracts" USING btree ("tenant_id","contract_no");--> statement-breakpoint
CREATE INDEX "contracts_tenant_state_end_idx" ON "contracts" USING btree ("tenant_id","state","end_date");--> statement-breakpoint
CREATE INDEX "contracts_tenant_customer_idx" ON "contracts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "contracts_tenant_predecessor_idx" ON "contracts" USING btree ("tenant_id","predecessor_id");--> statement-breakpoint
CREATE INDEX "contracts_tenant_signatory_idx" ON "contracts" USING btree ("tenant_id","customer_signatory_id");