{#- Month-end aging history = the single snapshot taken at that month end (metrics: "Month-end
    aging history repeats the snapshot with D = each month end"). The history is computed in
    one pass from change points; here the snapshot rule itself (macro
    receivables_line_snapshot) is re-run at the first, middle and last complete month end
    (every month end when there are at most 24), and every project x payer x bucket must
    agree to the fen, in amount and line count. -#}
with listed as (
    select month_end, row_number() over (order by month_end) as n, count(*) over () as total
    from {{ ref('int_months_listed') }}
    where is_complete_month
),

checked_dates as (
    select month_end as as_of_date
    from listed
    where total <= 24 or n in (1, (total + 1) // 2, total)
),

snapshot_lines as (
    {{ receivables_line_snapshot("select as_of_date from checked_dates") }}
),

snapshot as (
    select
        as_of_date as month_end, project_id, payer, aging_bucket,
        sum(outstanding_amount) as outstanding_amount,
        count(*) filter (where outstanding_amount > 0) as line_count
    from snapshot_lines
    group by all
),

history as (
    select history.*
    from {{ ref('fct_ar_aging_history') }} as history
    inner join checked_dates on history.month_end = checked_dates.as_of_date
)

select
    coalesce(history.month_end, snapshot.month_end) as month_end,
    coalesce(history.project_id, snapshot.project_id) as project_id,
    coalesce(history.payer, snapshot.payer) as payer,
    coalesce(history.aging_bucket, snapshot.aging_bucket) as aging_bucket,
    history.outstanding_amount as history_amount,
    snapshot.outstanding_amount as snapshot_amount,
    history.line_count as history_line_count,
    snapshot.line_count as snapshot_line_count
from history
full outer join snapshot
    on history.month_end = snapshot.month_end
    and history.project_id is not distinct from snapshot.project_id
    and history.payer = snapshot.payer
    and history.aging_bucket = snapshot.aging_bucket
where coalesce(history.outstanding_amount, 0) <> coalesce(snapshot.outstanding_amount, 0)
    or coalesce(history.line_count, 0) <> coalesce(snapshot.line_count, 0)
