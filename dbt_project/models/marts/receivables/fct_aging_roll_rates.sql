{#- 账龄迁徙率 (roll rates) per month end, project, payer and the bucket a balance was in at the
    previous month end: of the outstanding in from_bucket at the previous month end, the part
    still outstanding at this month end on the same lines and now in a later bucket
    (rolled_forward_amount), and roll_rate = rolled_forward_amount / from_outstanding_amount.
    The denominator is the whole bucket (fct_ar_aging_history); the numerator follows the
    lines one by one (int_line_balances_month_ended: a line in not_due can only roll if it
    falls due within the month, so those are the not_due lines it holds). -#}
with months as (
    select month_end, previous_month_end from {{ ref('int_months_listed') }} where is_complete_month
),

balances as (
    select * from {{ ref('int_line_balances_month_ended') }}
),

bucket_orders as (
    select aging_bucket, bucket_order from {{ receivables_aging_buckets_relation() }}
),

rolled as (
    select
        months.month_end,
        previous.project_id,
        previous.payer,
        previous.aging_bucket as from_bucket,
        sum(least(current_.outstanding_amount, previous.outstanding_amount)) as rolled_forward_amount
    from months
    inner join balances as previous on previous.month_end = months.previous_month_end
    inner join balances as current_
        on current_.month_end = months.month_end and current_.schedule_id = previous.schedule_id
    inner join bucket_orders as from_order on previous.aging_bucket = from_order.aging_bucket
    inner join bucket_orders as to_order on current_.aging_bucket = to_order.aging_bucket
    where to_order.bucket_order > from_order.bucket_order
    group by all
),

opening as (
    select history.month_end as previous_month_end, history.project_id, history.payer,
        history.aging_bucket, history.bucket_order, history.outstanding_amount
    from {{ ref('fct_ar_aging_history') }} as history
    where history.aging_bucket <> '>365'
)

select
    months.month_end,
    opening.project_id,
    opening.payer,
    opening.aging_bucket as from_bucket,
    opening.bucket_order as from_bucket_order,
    opening.outstanding_amount as from_outstanding_amount,
    cast(coalesce(rolled.rolled_forward_amount, 0) as decimal(18, 2)) as rolled_forward_amount,
    cast(coalesce(rolled.rolled_forward_amount, 0) as double)
        / nullif(cast(opening.outstanding_amount as double), 0) as roll_rate
from months
inner join opening on opening.previous_month_end = months.previous_month_end
left join rolled
    on rolled.month_end = months.month_end
    and rolled.project_id is not distinct from opening.project_id
    and rolled.payer = opening.payer
    and rolled.from_bucket = opening.aging_bucket
