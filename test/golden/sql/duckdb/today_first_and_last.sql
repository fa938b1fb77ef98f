-- Segment today_first_and_last
-- Members of the segment, duckdb, as of the current date (UTC).
WITH
  first_1 AS (
    -- The first purchase of each profile
    SELECT e."user_id", MIN(e."timestamp") AS event_at
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  ),
  last_2 AS (
    -- The last login of each profile
    SELECT e."user_id", MAX(e."timestamp") AS event_at
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN first_1 ON first_1."user_id" = p."user_id"
  LEFT JOIN last_2 ON last_2."user_id" = p."user_id"
WHERE
  COALESCE(CAST(first_1.event_at AS DATE) BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '7 days' AS DATE) AND CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '0 days' AS DATE), FALSE)
  AND NOT COALESCE(CAST(last_2.event_at AS DATE) BETWEEN CAST(CAST(timezone('UTC', current_timestamp) AS DATE) - INTERVAL '12 months' AS DATE) AND CAST(timezone('UTC', current_timestamp) AS DATE), FALSE)
