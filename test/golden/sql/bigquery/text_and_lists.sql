-- Segment text_and_lists
-- Members of the segment, bigquery, as of 2026-11-01.
SELECT p.`user_id`
FROM `profiles` AS p
WHERE
  COALESCE(STRPOS(p.`name`, '50%_off') > 0, FALSE)
  AND COALESCE(STARTS_WITH(p.`name`, 'Mr'), FALSE)
  AND COALESCE(ENDS_WITH(p.`name`, 'søn'), FALSE)
  AND COALESCE('sport' IN UNNEST(p.`interests`), FALSE)
  AND COALESCE('travel' IN UNNEST(p.`interests`) AND 'food' IN UNNEST(p.`interests`), FALSE)
  AND (p.`interests` IS NOT NULL AND ARRAY_LENGTH(p.`interests`) > 0)
  AND (
    p.`email` IS NULL
    OR NOT (p.`interests` IS NULL OR ARRAY_LENGTH(p.`interests`) = 0)
  )
