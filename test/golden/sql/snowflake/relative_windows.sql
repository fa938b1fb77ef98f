-- Segment relative_windows
-- Members of the segment, snowflake, as of 2026-11-01.
WITH
  did_1 AS (
    -- Events per profile for: did login within last 10 days
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2026-10-22' AND DATE '2026-11-01'
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN did_1 ON did_1."user_id" = p."user_id"
WHERE
  COALESCE(p."last_seen" BETWEEN DATE '2026-08-01' AND DATE '2026-11-01', FALSE)
  OR COALESCE(p."last_seen" < DATE '2025-11-01', FALSE)
  OR COALESCE(p."signup" BETWEEN DATE '2026-10-18' AND DATE '2026-11-01', FALSE)
  OR COALESCE(did_1.event_count, 0) >= 1
