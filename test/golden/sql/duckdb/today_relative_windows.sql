-- Segment today_relative_windows
-- Members of the segment, duckdb, as of the current date (UTC).
WITH
  did_1 AS (
    -- Events per profile for: did login within last 10 days
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND CAST(e."timestamp" AS DATE) BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '10 days' AS DATE) AND CAST(timezone('UTC', current_timestamp) AS DATE)
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN did_1 ON did_1."user_id" = p."user_id"
WHERE
  COALESCE(p."last_seen" BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '3 months' AS DATE) AND CAST(timezone('UTC', current_timestamp) AS DATE), FALSE)
  OR COALESCE(p."last_seen" < CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '12 months' AS DATE), FALSE)
  OR COALESCE(p."signup" BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '14 days' AS DATE) AND CAST(timezone('UTC', current_timestamp) AS DATE), FALSE)
  OR COALESCE(did_1.event_count, 0) >= 1
