-- Segment text_and_lists
-- Members of the segment, snowflake, as of 2026-11-01.
SELECT p."user_id"
FROM "profiles" AS p
WHERE
  COALESCE(CONTAINS(p."name", '50%_off'), FALSE)
  AND COALESCE(STARTSWITH(p."name", 'Mr'), FALSE)
  AND COALESCE(ENDSWITH(p."name", 'søn'), FALSE)
  AND COALESCE(ARRAY_CONTAINS(TO_VARIANT('sport'), p."interests"), FALSE)
  AND COALESCE(ARRAY_CONTAINS(TO_VARIANT('travel'), p."interests") AND ARRAY_CONTAINS(TO_VARIANT('food'), p."interests"), FALSE)
  AND (p."interests" IS NOT NULL AND ARRAY_SIZE(p."interests") > 0)
  AND (
    p."email" IS NULL
    OR NOT (p."interests" IS NULL OR ARRAY_SIZE(p."interests") = 0)
  )
