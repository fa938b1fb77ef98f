-- Segment young_sporty_mobile
-- Members of the segment, spark, as of 2026-11-01.
WITH
  did_1 AS (
    -- Events per profile for: did product_view where (…) at least 3 times within last 30 days
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'product_view'
      AND COALESCE(e.`category` = 'shoes', FALSE)
      AND CAST(e.`timestamp` AS DATE) BETWEEN DATE '2026-10-02' AND DATE '2026-11-01'
    GROUP BY e.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN did_1 ON did_1.`user_id` = p.`user_id`
WHERE
  COALESCE(p.`age` BETWEEN 18 AND 30, FALSE)
  AND COALESCE(array_contains(p.`interests`, 'sport') OR array_contains(p.`interests`, 'outdoor'), FALSE)
  AND COALESCE(p.`device` = 'mobile', FALSE)
  AND COALESCE(did_1.event_count, 0) >= 3
