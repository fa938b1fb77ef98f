-- Segment text_and_lists
-- Members of the segment, postgres, as of 2026-11-01.
SELECT p."user_id"
FROM "profiles" AS p
WHERE
  COALESCE(strpos(p."name", '50%_off') > 0, FALSE)
  AND COALESCE(starts_with(p."name", 'Mr'), FALSE)
  AND COALESCE(right(p."name", 3) = 'søn', FALSE)
  AND COALESCE('sport' = ANY(p."interests"), FALSE)
  AND COALESCE('travel' = ANY(p."interests") AND 'food' = ANY(p."interests"), FALSE)
  AND (p."interests" IS NOT NULL AND cardinality(p."interests") > 0)
  AND (
    p."email" IS NULL
    OR NOT (p."interests" IS NULL OR cardinality(p."interests") = 0)
  )
