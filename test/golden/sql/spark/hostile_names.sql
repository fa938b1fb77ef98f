-- Segment hostile_names: Title with 'quotes', "double", a back\slash and a newline; DROP TABLE x; --
-- Members of the segment, spark, as of 2026-11-01.
WITH
  did_1 AS (
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
WHERE
  COALESCE(p.`Preferred channel` = 'it\'s \\ \'quoted\' "x" 東京 🚀\nnext line', FALSE)
  AND COALESCE(p.`geo.city` = 'Zürich', FALSE)
  AND COALESCE(p.`select` = '\'; DROP TABLE profiles; --', FALSE)
  AND p.`we"ird\name` IS NOT NULL
  AND COALESCE(did_1.event_count, 0) >= 1
