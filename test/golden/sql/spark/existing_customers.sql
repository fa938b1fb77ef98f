-- Segment existing_customers: Existing customers
-- Members of the segment, spark, as of 2026-11-01.
SELECT p.`user_id`
FROM `profiles` AS p
WHERE
  COALESCE(p.`purchase_count` >= 1, FALSE)
