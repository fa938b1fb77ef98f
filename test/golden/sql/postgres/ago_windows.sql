-- Segment ago_windows: Windows counted back from asOf
-- Members of the segment, postgres, as of 2026-11-01.
WITH
  did_1 AS (
    -- Events per profile for: did purchase between 2 and 6 weeks ago
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2026-09-20' AND DATE '2026-10-18'
    GROUP BY e."user_id"
  ),
  did_2 AS (
    -- Events per profile for: did login more than 3 months ago
    SELECT e."user_id", COUNT(*) AS event_count
    FROM "events" AS e
    WHERE e."event" = 'login'
      AND CAST(e."timestamp" AS DATE) < DATE '2026-08-01'
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN did_1 ON did_1."user_id" = p."user_id"
  LEFT JOIN did_2 ON did_2."user_id" = p."user_id"
WHERE
  COALESCE(p."last_seen" BETWEEN DATE '2026-08-03' AND DATE '2026-10-02', FALSE)
  AND COALESCE(p."signup" BETWEEN DATE '2024-11-01' AND DATE '2025-11-01', FALSE)
  AND COALESCE(did_1.event_count, 0) >= 1
  AND COALESCE(did_2.event_count, 0) >= 1
