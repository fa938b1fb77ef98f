-- Segment today_aggregates
-- Members of the segment, bigquery, as of the current date (UTC).
WITH
  sum_1 AS (
    -- Per profile: sum of purchase.amount between 1 and 2 years ago
    SELECT e.`user_id`, SUM(ROUND(CAST(e.`amount` AS NUMERIC), 6)) AS agg_value
    FROM `events` AS e
    WHERE e.`event` = 'purchase'
      AND CAST(e.`timestamp` AS DATE) BETWEEN DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 24 MONTH) AND DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 12 MONTH)
    GROUP BY e.`user_id`
  ),
  average_2 AS (
    -- Per profile: average of purchase.amount within last 30 days
    SELECT e.`user_id`, SUM(ROUND(CAST(e.`amount` AS NUMERIC), 6)) AS agg_sum, COUNT(e.`amount`) AS agg_count
    FROM `events` AS e
    WHERE e.`event` = 'purchase'
      AND CAST(e.`timestamp` AS DATE) BETWEEN DATE_SUB(CURRENT_DATE('UTC'), INTERVAL 30 DAY) AND CURRENT_DATE('UTC')
    GROUP BY e.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN sum_1 ON sum_1.`user_id` = p.`user_id`
  LEFT JOIN average_2 ON average_2.`user_id` = p.`user_id`
WHERE
  COALESCE(sum_1.agg_value, 0) >= PARSE_BIGNUMERIC('0.30')
  OR COALESCE(average_2.agg_sum BETWEEN PARSE_BIGNUMERIC('100') * average_2.agg_count AND PARSE_BIGNUMERIC('200.5') * average_2.agg_count, FALSE)
