-- Segment events
-- Members of the segment, duckdb, as of 2026-11-01.
WITH
  did_1 AS (
    -- Events per profile for: did purchase where (…) at least 2 times between 2026-01-01 and 2026-06-30
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND (
        COALESCE(e."amount" > 100, FALSE)
        AND COALESCE(e."category" IN ('shoes', 'bags'), FALSE)
      )
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-06-30'
    GROUP BY e."user_id"
  ),
  did_2 AS (
    -- Events per profile for: did "Order Completed" since 2026-10-01
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'Order Completed'
      AND CAST(e."timestamp" AS DATE) >= DATE '2026-10-01'
    GROUP BY e."user_id"
  ),
  did_3 AS (
    -- Events per profile for: did not refund at most 1 time
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'refund'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  ),
  did_4 AS (
    -- Events per profile for: did login exactly 0 times within last 1 year
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2025-11-01' AND DATE '2026-11-01'
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN did_1 ON did_1."user_id" = p."user_id"
  LEFT JOIN did_2 ON did_2."user_id" = p."user_id"
  LEFT JOIN did_3 ON did_3."user_id" = p."user_id"
  LEFT JOIN did_4 ON did_4."user_id" = p."user_id"
WHERE
  COALESCE(did_1.event_count, 0) >= 2
  AND COALESCE(did_2.event_count, 0) >= 1
  AND NOT (COALESCE(did_3.event_count, 0) <= 1)
  AND COALESCE(did_4.event_count, 0) = 0
