-- Segment first_and_last: First-time buyers and lapsed buyers
-- Members of the segment, postgres, as of 2026-11-01.
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
    -- The last purchase where (…) of each profile
    SELECT e."user_id", MAX(e."timestamp") AS event_at
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND COALESCE(e."amount" > 100, FALSE)
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  ),
  first_3 AS (
    -- The first "Order Completed" of each profile
    SELECT e."user_id", MIN(e."timestamp") AS event_at
    FROM "events" AS e
    WHERE e."event" = 'Order Completed'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN first_1 ON first_1."user_id" = p."user_id"
  LEFT JOIN last_2 ON last_2."user_id" = p."user_id"
  LEFT JOIN first_3 ON first_3."user_id" = p."user_id"
WHERE
  COALESCE(CAST(first_1.event_at AS DATE) BETWEEN DATE '2026-10-02' AND DATE '2026-11-01', FALSE)
  OR COALESCE(CAST(last_2.event_at AS DATE) < DATE '2026-08-03', FALSE)
  OR COALESCE(CAST(first_3.event_at AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-06-30', FALSE)
