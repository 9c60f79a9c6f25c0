-- Reference numbers (LB-2026-000123) on PostgreSQL: one sequence per series, drawn inside the
-- submission's own SERIALIZABLE transaction. A counter row (ref_counters, as SQLite keeps) would
-- make every concurrent submission of a series conflict on that one row; nextval never
-- conflicts. A sequence is made on a series' first use, continuing from ref_counters if numbers
-- were drawn there. As with any sequence, a transaction that rolls back leaves a gap.
CREATE FUNCTION huiyin_next_ref(series text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'ref_seq_' || lower(regexp_replace(series, '[^A-Za-z0-9]', '_', 'g'));
  drawn bigint;
BEGIN
  RETURN nextval(seq);
EXCEPTION WHEN undefined_table THEN
  BEGIN
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', seq);
    SELECT last INTO drawn FROM ref_counters WHERE key = series;
    IF drawn IS NOT NULL THEN
      PERFORM setval(seq, drawn);
    END IF;
  EXCEPTION WHEN unique_violation OR duplicate_table THEN
    NULL; -- another transaction made it at the same moment
  END;
  RETURN nextval(seq);
END;
$$;
