-- ProcessedUpdate.processedAt is a DateTime, but it used to be written as epoch milliseconds
-- (an integer). Rewrite those rows in the adapter's ISO 8601 text, the one format every
-- writer uses now (src/infra/db/time.ts), so pruning compares like with like.
UPDATE "ProcessedUpdate"
SET "processedAt" = strftime('%Y-%m-%dT%H:%M:%f', "processedAt" / 1000.0, 'unixepoch') || '+00:00'
WHERE typeof("processedAt") = 'integer';
