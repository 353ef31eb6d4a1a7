-- Trigram search on customer names and their pinyin (PGlite ships pg_trgm as a contrib extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
