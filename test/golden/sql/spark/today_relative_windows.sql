-- Segment today_relative_windows
-- Members of the segment, spark, as of the current date (UTC).
WITH
  did_1 AS (
    -- Events per profile for: did login within last 10 days
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'login'
      AND CAST(e.`timestamp` AS DATE) BETWEEN date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 10) AND to_date(to_utc_timestamp(current_timestamp(), current_timezone()))
    GROUP BY e.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN did_1 ON did_1.`user_id` = p.`user_id`
WHERE
  COALESCE(p.`last_seen` BETWEEN add_months(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), -3) AND to_date(to_utc_timestamp(current_timestamp(), current_timezone())), FALSE)
  OR COALESCE(p.`last_seen` < add_months(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), -12), FALSE)
  OR COALESCE(p.`signup` BETWEEN date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 14) AND to_date(to_utc_timestamp(current_timestamp(), current_timezone())), FALSE)
  OR COALESCE(did_1.event_count, 0) >= 1
