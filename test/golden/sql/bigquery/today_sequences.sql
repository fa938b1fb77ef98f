-- Segment today_sequences
-- Members of the segment, bigquery, as of the current date (UTC).
WITH
  seq_1 AS (
    -- Profiles with a chain: did add_to_cart between 0 and 7 days ago then did not purchase within 1 day
    SELECT e1.`user_id`
    FROM `events` AS e1
    WHERE e1.`event` = 'add_to_cart'
      AND CAST(e1.`timestamp` AS DATE) BETWEEN DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 7 DAY) AND DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 0 DAY)
      AND e1.`timestamp` + INTERVAL 86400 SECOND < CAST(DATE_ADD(CURRENT_DATE('UTC'), INTERVAL 1 DAY) AS TIMESTAMP)
      AND NOT EXISTS (
        SELECT 1
        FROM `events` AS e2
        WHERE e2.`user_id` = e1.`user_id`
          AND e2.`event` = 'purchase'
          AND e2.`timestamp` IS NOT NULL
          AND e2.`timestamp` > e1.`timestamp`
          AND e2.`timestamp` <= e1.`timestamp` + INTERVAL 86400 SECOND
      )
    GROUP BY e1.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN seq_1 ON seq_1.`user_id` = p.`user_id`
WHERE
  seq_1.`user_id` IS NOT NULL
