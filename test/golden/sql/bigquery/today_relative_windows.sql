-- Segment today_relative_windows
-- Members of the segment, bigquery, as of the current date (UTC).
WITH
  did_1 AS (
    -- Events per profile for: did login within last 10 days
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'login'
      AND CAST(e.`timestamp` AS DATE) BETWEEN DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 10 DAY) AND CURRENT_DATE('UTC')
    GROUP BY e.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN did_1 ON did_1.`user_id` = p.`user_id`
WHERE
  COALESCE(p.`last_seen` BETWEEN DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 3 MONTH) AND CURRENT_DATE('UTC'), FALSE)
  OR COALESCE(p.`last_seen` < DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 12 MONTH), FALSE)
  OR COALESCE(p.`signup` BETWEEN DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 14 DAY) AND CURRENT_DATE('UTC'), FALSE)
  OR COALESCE(did_1.event_count, 0) >= 1
