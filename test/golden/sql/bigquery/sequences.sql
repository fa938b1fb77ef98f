-- Segment sequences: Carts abandoned, views not bought, browse-then-cart funnels
-- Members of the segment, bigquery, as of 2026-11-01.
WITH
  seq_1 AS (
    -- Profiles with a chain: did add_to_cart within last 7 days then did not purchase within 1 day
    SELECT e1.`user_id`
    FROM `events` AS e1
    WHERE e1.`event` = 'add_to_cart'
      AND CAST(e1.`timestamp` AS DATE) BETWEEN DATE '2026-10-25' AND DATE '2026-11-01'
      AND e1.`timestamp` + INTERVAL 86400 SECOND < CAST(DATE '2026-11-02' AS TIMESTAMP)
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
  ),
  seq_2 AS (
    -- Profiles with a chain: did product_view where (…) then did add_to_cart within 2 hours
    SELECT e1.`user_id`
    FROM `events` AS e1
      JOIN `events` AS e2 ON e2.`user_id` = e1.`user_id` AND e2.`timestamp` > e1.`timestamp` AND e2.`timestamp` <= e1.`timestamp` + INTERVAL 7200 SECOND
    WHERE e1.`event` = 'product_view'
      AND COALESCE(e1.`category` = 'shoes', FALSE)
      AND e1.`timestamp` IS NOT NULL
      AND e2.`event` = 'add_to_cart'
      AND e2.`timestamp` IS NOT NULL
    GROUP BY e1.`user_id`
  ),
  seq_3 AS (
    -- Profiles with a chain: did product_view then did not purchase within 3 days with same product_id
    SELECT e1.`user_id`
    FROM `events` AS e1
    WHERE e1.`event` = 'product_view'
      AND e1.`timestamp` IS NOT NULL
      AND e1.`timestamp` + INTERVAL 259200 SECOND < CAST(DATE '2026-11-02' AS TIMESTAMP)
      AND NOT EXISTS (
        SELECT 1
        FROM `events` AS e2
        WHERE e2.`user_id` = e1.`user_id`
          AND e2.`event` = 'purchase'
          AND e2.`timestamp` IS NOT NULL
          AND e2.`timestamp` > e1.`timestamp`
          AND e2.`timestamp` <= e1.`timestamp` + INTERVAL 259200 SECOND
          AND e2.`product_id` = e1.`product_id`
      )
    GROUP BY e1.`user_id`
  ),
  seq_4 AS (
    -- Profiles with a chain: did login then did product_view within 10 minutes then did purchase within 1 day
    SELECT e1.`user_id`
    FROM `events` AS e1
      JOIN `events` AS e2 ON e2.`user_id` = e1.`user_id` AND e2.`timestamp` > e1.`timestamp` AND e2.`timestamp` <= e1.`timestamp` + INTERVAL 600 SECOND
      JOIN `events` AS e3 ON e3.`user_id` = e2.`user_id` AND e3.`timestamp` > e2.`timestamp` AND e3.`timestamp` <= e2.`timestamp` + INTERVAL 86400 SECOND
    WHERE e1.`event` = 'login'
      AND e1.`timestamp` IS NOT NULL
      AND e2.`event` = 'product_view'
      AND e2.`timestamp` IS NOT NULL
      AND e3.`event` = 'purchase'
      AND e3.`timestamp` IS NOT NULL
    GROUP BY e1.`user_id`
  ),
  seq_5 AS (
    -- Profiles with a chain: did not login then did purchase within 30 minutes
    SELECT e1.`user_id`
    FROM `events` AS e1
      JOIN `events` AS e2 ON e2.`user_id` = e1.`user_id` AND e2.`timestamp` > e1.`timestamp` AND e2.`timestamp` <= e1.`timestamp` + INTERVAL 1800 SECOND
    WHERE e1.`event` = 'login'
      AND e1.`timestamp` IS NOT NULL
      AND e2.`event` = 'purchase'
      AND e2.`timestamp` IS NOT NULL
    GROUP BY e1.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN seq_1 ON seq_1.`user_id` = p.`user_id`
  LEFT JOIN seq_2 ON seq_2.`user_id` = p.`user_id`
  LEFT JOIN seq_3 ON seq_3.`user_id` = p.`user_id`
  LEFT JOIN seq_4 ON seq_4.`user_id` = p.`user_id`
  LEFT JOIN seq_5 ON seq_5.`user_id` = p.`user_id`
WHERE
  seq_1.`user_id` IS NOT NULL
  OR seq_2.`user_id` IS NOT NULL
  OR seq_3.`user_id` IS NOT NULL
  OR seq_4.`user_id` IS NOT NULL
  OR NOT (NOT seq_5.`user_id` IS NOT NULL)
