-- Guards of the SLA catalogue, the contract → SLA bindings and the service-record partitions, and RLS on
-- every table of migration 0008.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
SELECT crm_apply_tenant_rls(t) FROM unnest(ARRAY[
  'sla_tiers', 'sla_versions', 'working_calendars', 'contract_terms', 'contract_sla_bindings',
  'sla_binding_proposals', 'notifications', 'service_records'
]) AS t;
--> statement-breakpoint
-- Reminders are decided once and kept: the app only reads and inserts them.
SELECT crm_apply_tenant_rls('contract_reminders', false);
--> statement-breakpoint
-- A published SLA version is immutable: the only change left is retiring it.
CREATE OR REPLACE FUNCTION crm_sla_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'SLA version % is published and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN RETURN NEW; END IF;
  IF OLD.status = 'published' AND NEW.status = 'retired'
     AND (NEW.tier_id, NEW.version_no, NEW.service_hours, NEW.targets, NEW.availability_target, NEW.escalation,
          NEW.service_credits, NEW.reviews_per_year, NEW.notes, NEW.published_at)
         IS NOT DISTINCT FROM
         (OLD.tier_id, OLD.version_no, OLD.service_hours, OLD.targets, OLD.availability_target, OLD.escalation,
          OLD.service_credits, OLD.reviews_per_year, OLD.notes, OLD.published_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'SLA version % is % and cannot be changed', OLD.id, OLD.status USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER sla_versions_immutable BEFORE UPDATE OR DELETE ON sla_versions
  FOR EACH ROW EXECUTE FUNCTION crm_sla_version_immutable();
--> statement-breakpoint
-- No two bindings of one contract overlap in time.
ALTER TABLE contract_sla_bindings ADD CONSTRAINT contract_sla_bindings_no_overlap
  EXCLUDE USING gist (tenant_id WITH =, contract_id WITH =, effective WITH &&);
--> statement-breakpoint
ALTER TABLE contract_sla_bindings ADD CONSTRAINT contract_sla_bindings_bounded_check
  CHECK (NOT isempty(effective) AND NOT lower_inf(effective) AND NOT upper_inf(effective) AND lower_inc(effective) AND NOT upper_inc(effective));
--> statement-breakpoint
-- The effective-SLA lookup: a customer's bindings containing an instant.
CREATE INDEX contract_sla_bindings_lookup_idx ON contract_sla_bindings USING gist (tenant_id, customer_id, effective);
--> statement-breakpoint
-- A binding keeps its version, contract and start; only its end may move earlier (a re-binding or a termination).
CREATE OR REPLACE FUNCTION crm_sla_binding_only_shortens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.tenant_id, NEW.contract_id, NEW.customer_id, NEW.sla_version_id, lower(NEW.effective))
       IS DISTINCT FROM (OLD.tenant_id, OLD.contract_id, OLD.customer_id, OLD.sla_version_id, lower(OLD.effective))
     OR upper(NEW.effective) > upper(OLD.effective) THEN
    RAISE EXCEPTION 'an SLA binding can only be shortened' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER contract_sla_bindings_only_shorten BEFORE UPDATE ON contract_sla_bindings
  FOR EACH ROW EXECUTE FUNCTION crm_sla_binding_only_shortens();
--> statement-breakpoint
-- The instants a contract is in force: its first day 00:00 to the day after its last day (cut at the
-- termination date), business dates in Asia/Shanghai. NULL for a contract that never came into force.
CREATE OR REPLACE FUNCTION crm_contract_term(state text, start_date date, end_date date, terminated_on date) RETURNS tstzrange
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN state IN ('draft', 'pending_approval', 'rejected', 'cancelled') THEN NULL
    ELSE tstzrange((start_date::timestamp AT TIME ZONE 'Asia/Shanghai'),
                   ((LEAST(end_date, COALESCE(terminated_on, end_date)) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'), '[)')
  END
$$;
--> statement-breakpoint
-- At commit, the bindings of every touched contract tile its term exactly: no gap, nothing outside, and
-- none at all for a contract that is not (or never was) in force.
CREATE OR REPLACE FUNCTION crm_check_contract_sla_coverage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t_id bigint;
  c_id bigint;
  term tstzrange;
  covered tstzmultirange;
BEGIN
  IF TG_TABLE_NAME = 'contracts' THEN
    t_id := NEW.tenant_id; c_id := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    t_id := OLD.tenant_id; c_id := OLD.contract_id;
  ELSE
    t_id := NEW.tenant_id; c_id := NEW.contract_id;
  END IF;
  SELECT crm_contract_term(c.state, c.start_date, c.end_date, c.terminated_on) INTO term
    FROM contracts c WHERE c.tenant_id = t_id AND c.id = c_id;
  IF NOT FOUND THEN RETURN NULL; END IF;
  SELECT range_agg(b.effective) INTO covered
    FROM contract_sla_bindings b WHERE b.tenant_id = t_id AND b.contract_id = c_id;
  IF term IS NULL AND covered IS NOT NULL THEN
    RAISE EXCEPTION 'contract % is not in force and cannot be bound to an SLA', c_id USING ERRCODE = 'check_violation';
  END IF;
  IF term IS NOT NULL AND covered IS DISTINCT FROM tstzmultirange(term) THEN
    RAISE EXCEPTION 'the SLA bindings of contract % must cover its term % exactly, found %', c_id, term, covered
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER contract_sla_bindings_coverage AFTER INSERT OR UPDATE OR DELETE ON contract_sla_bindings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION crm_check_contract_sla_coverage();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER contracts_sla_coverage AFTER UPDATE OF state, start_date, end_date, terminated_on ON contracts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION crm_check_contract_sla_coverage();
--> statement-breakpoint
-- Service records: a default partition catches anything, and months are added ahead by
-- crm_ensure_month_partitions (the scheduler calls it; migrations create the current year's).
CREATE TABLE service_records_default PARTITION OF service_records DEFAULT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_ensure_month_partitions(parent text, first_month date, months integer) RETURNS integer
  LANGUAGE plpgsql AS $$
DECLARE
  created integer := 0;
  m date;
  part text;
BEGIN
  FOR i IN 0 .. months - 1 LOOP
    m := (date_trunc('month', first_month) + make_interval(months => i))::date;
    part := format('%s_%s', parent, to_char(m, 'YYYYMM'));
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent,
        (m::timestamp AT TIME ZONE 'Asia/Shanghai'), ((m + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'));
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;
--> statement-breakpoint
SELECT crm_ensure_month_partitions('service_records', (date_trunc('year', now()) - interval '2 years')::date, 48);
