{#- 账龄 history: the fct_ar_aging snapshot repeated with D = every month end from the first
    contract month to the as-of date, computed in one pass from the lines' outstanding
    segments: each segment is cut into the date ranges it spends in each aging bucket, each
    range adds its amount at the first month end inside it and removes it at the first
    month end after it, and a running sum over month ends gives every snapshot. -#}
with segments as (
    select * from {{ ref('int_line_balances_segmented') }}
),

month_ends as (
    select month_end from {{ ref('int_months_listed') }} where is_complete_month
),

first_month_end as (
    select min(month_end) as month_end from month_ends
),

bucket_ranges as (
    select
        segments.project_id,
        segments.payer,
        buckets.aging_bucket,
        segments.outstanding_amount,
        greatest(
            segments.segment_start_date,
            coalesce(cast(segments.due_date + buckets.min_days as date), segments.segment_start_date)
        ) as range_start_date,
        least(
            segments.segment_end_date,
            coalesce(cast(segments.due_date + buckets.max_days + 1 as date), segments.segment_end_date)
        ) as range_end_date
    from segments
    inner join {{ receivables_aging_buckets_relation() }}
        on (buckets.min_days is null or segments.due_date + buckets.min_days < segments.segment_end_date)
        and (buckets.max_days is null or segments.due_date + buckets.max_days + 1 > segments.segment_start_date)
),

-- a range counts at month end m when range_start <= m < range_end, i.e. for m from
-- last_day(range_start) up to but excluding last_day(range_end)
deltas as (
    select project_id, payer, aging_bucket, last_day(range_start_date) as month_end,
        outstanding_amount as delta_amount, 1 as delta_count
    from bucket_ranges
    where last_day(range_start_date) < last_day(range_end_date)
    union all
    select project_id, payer, aging_bucket, last_day(range_end_date) as month_end,
        -outstanding_amount as delta_amount, -1 as delta_count
    from bucket_ranges
    where last_day(range_start_date) < last_day(range_end_date)
),

deltas_by_month as (
    select
        deltas.project_id,
        deltas.payer,
        deltas.aging_bucket,
        greatest(deltas.month_end, first_month_end.month_end) as month_end,
        sum(deltas.delta_amount) as delta_amount,
        sum(deltas.delta_count) as delta_count
    from deltas
    cross join first_month_end
    group by all
),

projects as (
    select distinct project_id from {{ ref('int_deals_joined') }}
),

grid as (
    select month_ends.month_end, projects.project_id, payers.payer, buckets.aging_bucket, buckets.bucket_order
    from month_ends
    cross join projects
    cross join (values ('customer'), ('bank')) as payers(payer)
    cross join {{ receivables_aging_buckets_relation() }}
),

accumulated as (
    select
        grid.*,
        sum(coalesce(deltas_by_month.delta_amount, 0)) over (
            partition by grid.project_id, grid.payer, grid.aging_bucket
            order by grid.month_end rows between unbounded preceding and current row
        ) as outstanding_amount,
        sum(coalesce(deltas_by_month.delta_count, 0)) over (
            partition by grid.project_id, grid.payer, grid.aging_bucket
            order by grid.month_end rows between unbounded preceding and current row
        ) as line_count
    from grid
    left join deltas_by_month
        on grid.month_end = deltas_by_month.month_end
        and grid.project_id is not distinct from deltas_by_month.project_id
        and grid.payer = deltas_by_month.payer
        and grid.aging_bucket = deltas_by_month.aging_bucket
)

select
    month_end,
    project_id,
    payer,
    aging_bucket,
    bucket_order,
    cast(outstanding_amount as decimal(18, 2)) as outstanding_amount,
    cast(line_count as bigint) as line_count
from accumulated
