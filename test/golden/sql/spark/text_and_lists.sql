-- Segment text_and_lists
-- Members of the segment, spark, as of 2026-11-01.
SELECT p.`user_id`
FROM `profiles` AS p
WHERE
  COALESCE(instr(p.`name`, '50%_off') > 0, FALSE)
  AND COALESCE(startswith(p.`name`, 'Mr'), FALSE)
  AND COALESCE(endswith(p.`name`, 'søn'), FALSE)
  AND COALESCE(array_contains(p.`interests`, 'sport'), FALSE)
  AND COALESCE(array_contains(p.`interests`, 'travel') AND array_contains(p.`interests`, 'food'), FALSE)
  AND (p.`interests` IS NOT NULL AND size(p.`interests`) > 0)
  AND (
    p.`email` IS NULL
    OR NOT (p.`interests` IS NULL OR size(p.`interests`) = 0)
  )
