-- Segment comparisons: Numbers, strings, booleans and dates
-- Members of the segment, bigquery, as of 2026-11-01.
SELECT p.`user_id`
FROM `profiles` AS p
WHERE
  COALESCE(p.`age` <> 30, FALSE)
  AND COALESCE(p.`age` IN (25, 35.5, -1), FALSE)
  AND COALESCE(p.`city` < 'Oslo', FALSE)
  AND COALESCE(p.`city` BETWEEN 'A' AND 'M', FALSE)
  AND COALESCE(p.`device` NOT IN ('tablet', 'desktop'), FALSE)
  AND COALESCE(p.`vip`, FALSE)
  AND COALESCE(p.`email_opt_in` = FALSE, FALSE)
  AND COALESCE(p.`signup` < DATE '2026-01-01', FALSE)
  AND COALESCE(p.`signup` > DATE '2025-01-31', FALSE)
  AND COALESCE(p.`signup` <= DATE '2026-06-30', FALSE)
