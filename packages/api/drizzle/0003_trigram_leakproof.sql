-- Row-level security evaluates a query's own conditions after the tenant policy unless their functions
-- are LEAKPROOF, and pg_trgm's operators and ILIKE are not marked so: under RLS the trigram GIN indexes
-- on customer names would never be used and every search would scan the tenant. These functions raise
-- no error that depends on row data (a bad LIKE pattern fails for every row alike) and return only a
-- boolean, so marking them leakproof reveals nothing a policy hides. Needs a superuser; without one the
-- search still works, only slower (a notice says so).
DO $$ BEGIN
  ALTER FUNCTION textlike(text, text) LEAKPROOF;
  ALTER FUNCTION texticlike(text, text) LEAKPROOF;
  ALTER FUNCTION similarity_op(text, text) LEAKPROOF;
  ALTER FUNCTION word_similarity_op(text, text) LEAKPROOF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'not a superuser: trigram indexes stay unused under row-level security';
END $$;
