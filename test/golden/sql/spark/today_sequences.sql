-- Segment today_sequences
-- Members of the segment, spark, as of the current date (UTC).
WITH
  seq_1 AS (
    -- Profiles with a chain: did add_to_cart between 0 and 7 days ago then did not purchase within 1 day
    SELECT e1.`user_id`
    FROM `events` AS e1
    WHERE e1.`event` = 'add_to_cart'
      AND CAST(e1.`timestamp` AS DATE) BETWEEN date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 7) AND date_sub(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 0)
      AND timestampadd(SECOND, 86400, e1.`timestamp`) < CAST(date_add(to_date(to_utc_timestamp(current_timestamp(), current_timezone())), 1) AS TIMESTAMP)
      AND NOT EXISTS (
        SELECT 1
        FROM `events` AS e2
        WHERE e2.`user_id` = e1.`user_id`
          AND e2.`event` = 'purchase'
          AND e2.`timestamp` IS NOT NULL
          AND e2.`timestamp` > e1.`timestamp`
          AND e2.`timestamp` <= timestampadd(SECOND, 86400, e1.`timestamp`)
      )
    GROUP BY e1.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN seq_1 ON seq_1.`user_id` = p.`user_id`
WHERE
  seq_1.`user_id` IS NOT NULL
