-- Segment with_references: References, inlined
-- Members of the segment, spark, as of 2026-11-01.
WITH
  did_1 AS (
    -- Events per profile for: did purchase within last 7 days
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'purchase'
      AND CAST(e.`timestamp` AS DATE) BETWEEN DATE '2026-10-25' AND DATE '2026-11-01'
    GROUP BY e.`user_id`
  ),
  did_2 AS (
    -- Events per profile for: did "Order 'Completed' \\ now" where (…)
    SELECT e.`user_id`, COUNT(*) AS event_count
    FROM `events` AS e
    WHERE e.`event` = 'Order \'Completed\' \\ now'
      AND COALESCE(instr(e.`item name`, '%_\'') > 0, FALSE)
      AND e.`timestamp` IS NOT NULL
    GROUP BY e.`user_id`
  )
SELECT p.`user_id`
FROM `profiles` AS p
  LEFT JOIN did_1 ON did_1.`user_id` = p.`user_id`
  LEFT JOIN did_2 ON did_2.`user_id` = p.`user_id`
WHERE
  (
    (
      -- segment existing_customers
      COALESCE(p.`purchase_count` >= 1, FALSE)
    )
    AND NOT (
      -- segment abandoned_cart
      (
        COALESCE(p.`cart_items` > 0, FALSE)
        AND COALESCE(p.`last_cart_at` BETWEEN DATE '2026-10-25' AND DATE '2026-11-01', FALSE)
        AND COALESCE(p.`city` IN ('Oslo', 'Bergen', 'Stavanger'), FALSE)
        AND NOT (COALESCE(did_1.event_count, 0) >= 1)
      )
      AND NOT (
        (
          -- segment existing_customers
          COALESCE(p.`purchase_count` >= 1, FALSE)
        )
        OR COALESCE(p.`email_opt_in` = FALSE, FALSE)
      )
    )
  )
  AND NOT (
    -- segment hostile_names
    COALESCE(p.`Preferred channel` = 'it\'s \\ \'quoted\' "x" 東京 🚀\nnext line', FALSE)
    AND COALESCE(p.`geo.city` = 'Zürich', FALSE)
    AND COALESCE(p.`select` = '\'; DROP TABLE profiles; --', FALSE)
    AND p.`we"ird\name` IS NOT NULL
    AND COALESCE(did_2.event_count, 0) >= 1
  )
