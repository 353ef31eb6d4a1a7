-- Each customer's latest communication, kept by the database so that every write path (the API, e-mail and
-- IM ingest, seeds, bulk loads) maintains it: an insert, or an update that moves a communication to another
-- customer or time, raises the customer's last_contact_at when it is later than the one kept.
SELECT crm_apply_tenant_rls('customer_contact_recency');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION crm_track_last_contact() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_contact_recency AS r (tenant_id, customer_id, last_contact_at)
  VALUES (NEW.tenant_id, NEW.customer_id, NEW.occurred_at)
  ON CONFLICT (tenant_id, customer_id) DO UPDATE SET last_contact_at = excluded.last_contact_at
    WHERE r.last_contact_at < excluded.last_contact_at;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER communications_track_last_contact AFTER INSERT OR UPDATE OF customer_id, occurred_at ON communications
  FOR EACH ROW EXECUTE FUNCTION crm_track_last_contact();
--> statement-breakpoint
INSERT INTO customer_contact_recency (tenant_id, customer_id, last_contact_at)
SELECT m.tenant_id, m.customer_id, m.last_contact_at
FROM (SELECT tenant_id, customer_id, max(occurred_at) AS last_contact_at FROM communications GROUP BY tenant_id, customer_id) m
JOIN customers c ON c.tenant_id = m.tenant_id AND c.id = m.customer_id
ON CONFLICT (tenant_id, customer_id) DO NOTHING;
