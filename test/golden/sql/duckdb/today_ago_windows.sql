-- Segment today_ago_windows
-- Members of the segment, duckdb, as of the current date (UTC).
WITH
  did_1 AS (
    -- Events per profile for: did purchase between 1 and 2 years ago
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND CAST(e."timestamp" AS DATE) BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '24 months' AS DATE) AND CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '12 months' AS DATE)
    GROUP BY e."user_id"
  ),
  did_2 AS (
    -- Events per profile for: did login more than 10 days ago
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND CAST(e."timestamp" AS DATE) < CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '10 days' AS DATE)
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN did_1 ON did_1."user_id" = p."user_id"
  LEFT JOIN did_2 ON did_2."user_id" = p."user_id"
WHERE
  COALESCE(p."last_seen" BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '90 days' AS DATE) AND CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '30 days' AS DATE), FALSE)
  AND COALESCE(did_1.event_count, 0) >= 1
  AND NOT (COALESCE(did_2.event_count, 0) >= 1)
