-- Segment aggregates: Value tiers: sums, averages, extremes and distinct counts
-- Members of the segment, snowflake, as of 2026-11-01.
WITH
  sum_1 AS (
    -- Per profile: sum of purchase.amount within last 90 days
    SELECT e."user_id", SUM(CAST(e."amount" AS DECIMAL(38, 6))) AS agg_value
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2026-08-03' AND DATE '2026-11-01'
    GROUP BY e."user_id"
  ),
  average_2 AS (
    -- Per profile: average of purchase.amount where (…)
    SELECT e."user_id", SUM(CAST(e."amount" AS DECIMAL(38, 6))) AS agg_sum, COUNT(e."amount") AS agg_count
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND COALESCE(e."category" = 'shoes', FALSE)
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  ),
  max_3 AS (
    -- Per profile: max of purchase.amount between 2026-01-01 and 2026-03-31
    SELECT e."user_id", MAX(e."amount") AS agg_value
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-03-31'
    GROUP BY e."user_id"
  ),
  min_4 AS (
    -- Per profile: min of purchase.amount within last 1 year
    SELECT e."user_id", MIN(e."amount") AS agg_value
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2025-11-01' AND DATE '2026-11-01'
    GROUP BY e."user_id"
  ),
  distinct_5 AS (
    -- Per profile: distinct count of product_view.category within last 30 days
    SELECT e."user_id", COUNT(DISTINCT e."category") AS agg_value
    FROM "events" AS e
    WHERE e."event" = 'product_view'
      AND CAST(e."timestamp" AS DATE) BETWEEN DATE '2026-10-02' AND DATE '2026-11-01'
    GROUP BY e."user_id"
  ),
  sum_6 AS (
    -- Per profile: sum of "Order Completed".revenue
    SELECT e."user_id", SUM(CAST(e."revenue" AS DECIMAL(38, 6))) AS agg_value
    FROM "events" AS e
    WHERE e."event" = 'Order Completed'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  ),
  sum_7 AS (
    -- Per profile: sum of purchase.amount
    SELECT e."user_id", SUM(CAST(e."amount" AS DECIMAL(38, 6))) AS agg_value
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  ),
  average_8 AS (
    -- Per profile: average of purchase.amount
    SELECT e."user_id", SUM(CAST(e."amount" AS DECIMAL(38, 6))) AS agg_sum, COUNT(e."amount") AS agg_count
    FROM "events" AS e
    WHERE e."event" = 'purchase'
      AND e."timestamp" IS NOT NULL
    GROUP BY e."user_id"
  )
SELECT p."user_id"
FROM "profiles" AS p
  LEFT JOIN sum_1 ON sum_1."user_id" = p."user_id"
  LEFT JOIN average_2 ON average_2."user_id" = p."user_id"
  LEFT JOIN max_3 ON max_3."user_id" = p."user_id"
  LEFT JOIN min_4 ON min_4."user_id" = p."user_id"
  LEFT JOIN distinct_5 ON distinct_5."user_id" = p."user_id"
  LEFT JOIN sum_6 ON sum_6."user_id" = p."user_id"
  LEFT JOIN sum_7 ON sum_7."user_id" = p."user_id"
  LEFT JOIN average_8 ON average_8."user_id" = p."user_id"
WHERE
  COALESCE(sum_1.agg_value, 0) > 5000
  AND COALESCE(average_2.agg_sum >= 800.50 * average_2.agg_count, FALSE)
  AND COALESCE(max_3.agg_value > 2000, FALSE)
  AND COALESCE(min_4.agg_value < 100, FALSE)
  AND COALESCE(distinct_5.agg_value, 0) >= 5
  AND COALESCE(sum_6.agg_value, 0) BETWEEN 1000 AND 5000
  AND NOT (COALESCE(sum_7.agg_value, 0) BETWEEN 0.10 AND 0.30)
  AND COALESCE(average_8.agg_sum <> 1000 * average_8.agg_count, FALSE)
