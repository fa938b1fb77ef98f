-- Segment text_and_lists
-- Members of the segment, duckdb, as of 2026-11-01.
SELECT p."user_id"
FROM "profiles" AS p
WHERE
  COALESCE(strpos(p."name", '50%_off') > 0, FALSE)
  AND COALESCE(starts_with(p."name", 'Mr'), FALSE)
  AND COALESCE(ends_with(p."name", 'søn'), FALSE)
  AND COALESCE(list_contains(p."interests", 'sport'), FALSE)
  AND COALESCE(list_contains(p."interests", 'travel') AND list_contains(p."interests", 'food'), FALSE)
  AND (p."interests" IS NOT NULL AND len(p."interests") > 0)
  AND (
    p."email" IS NULL
    OR NOT (p."interests" IS NULL OR len(p."interests") = 0)
  )
