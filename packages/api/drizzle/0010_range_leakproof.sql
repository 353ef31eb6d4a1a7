-- The effective-SLA lookup asks `effective @> instant` on contract_sla_bindings under row-level security.
-- range_contains_elem is not LEAKPROOF, so the policy is applied first and the period cannot narrow the
-- gist index scan (only tenant and customer do). It raises no error that depends on row data and returns
-- a boolean, so marking it leakproof reveals nothing a policy hides. Needs a superuser (see 0003).
DO $$ BEGIN
  ALTER FUNCTION range_contains_elem(anyrange, anyelement) LEAKPROOF;
  ALTER FUNCTION range_overlaps(anyrange, anyrange) LEAKPROOF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'not a superuser: the SLA binding period does not narrow the index scan under row-level security';
END $$;
