-- Segment today_relative_windows
-- Members of the segment, snowflake, as of the current date (UTC).
WITH
  did_1 AS (
    -- Events per profile for: did login within last 10 days
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATEADD(day, -10, CAST(SYSDATE() AS DATE)) AND CAST(SYSDATE() AS DATE)
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN did_1 ON did_1."user_id" = p."user_id"
WHERE
  COALESCE(p."last_seen" BETWEEN DATEADD(month, -3, CAST(SYSDATE() AS DATE)) AND CAST(SYSDATE() AS DATE), FALSE)
  OR COALESCE(p."last_seen" < DATEADD(month, -12, CAST(SYSDATE() AS DATE)), FALSE)
  OR COALESCE(p."signup" BETWEEN DATEADD(day, -14, CAST(SYSDATE() AS DATE)) AND CAST(SYSDATE() AS DATE), FALSE)
  OR COALESCE(did_1.event_count, 0) >= 1
