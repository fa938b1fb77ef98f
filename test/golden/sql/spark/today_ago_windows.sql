-- Segment today_ago_windows
-- Members of the segment, spark, as of the current date (UTC).
WITH
  did_1 AS (
    -- Events per profile for: did purchase between 1 and 2 years ago
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'purchase'
      AND CAST(e.`timestamp` AS DATE) BETWEEN add_months(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), -24) AND add_months(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), -12)
    GROUP BY e.`user_id`
  ),
  did_2 AS (
    -- Events per profile for: did login more than 10 days ago
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'login'
      AND CAST(e.`timestamp` AS DATE) < date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 10)
    GROUP BY e.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN did_1 ON did_1.`user_id` = p.`user_id`
  LEFT JOIN did_2 ON did_2.`user_id` = p.`user_id`
WHERE
  COALESCE(p.`last_seen` BETWEEN date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 90) AND date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 30), FALSE)
  AND COALESCE(did_1.event_count, 0) >= 1
  AND NOT (COALESCE(did_2.event_count, 0) >= 1)
