{#- Line-level month-end balances, for the lines the monthly marts follow one by one: lines
    with something outstanding at month end m and due on or before the next month end
    (overdue at m, or coming due in the month after). Read off the outstanding segments
    with a range join, so the cost follows the overdue lines, not all lines x months. Month
    ends: every complete month of the history and the one before its first. -#}
with segments as (
    select * from {{ ref('int_line_balances_segmented') }}
),

month_ends as (
    select month_end from {{ ref('int_months_listed') }} where is_complete_month
    union
    select min(previous_month_end) from {{ ref('int_months_listed') }}
)

select
    month_ends.month_end,
    segments.schedule_id,
    segments.deal_id,
    segments.project_id,
    segments.customer_id,
    segments.payer,
    segments.item,
    segments.due_date,
    segments.amount_due,
    segments.outstanding_amount,
    cast(month_ends.month_end - segments.due_date as integer) as days_past_due,
    {{ receivables_aging_bucket('(month_ends.month_end - segments.due_date)') }} as aging_bucket
from segments
inner join month_ends
    on month_ends.month_end >= segments.segment_start_date
    and month_ends.month_end < segments.segment_end_date
where segments.due_date <= last_day(month_ends.month_end + 1)
