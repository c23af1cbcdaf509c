{#- 滞纳金 accrued up to D on overdue customer lines: each day a line is overdue (from
    due_date + 1 + grace days) while its deal is live, its outstanding that day times the
    daily rate (seed receivables_settings). Read off the outstanding segments, so a partial
    payment lowers the base from its date on. Late-fee lines themselves bear no fee. Only
    deals live at D: a cancelled deal's late fee is settled in its cancellation, not carried
    as a claim. One row per line that accrued anything; rounded to the fen per line (the deal total is the sum
    of its lines, fct_late_fee_deals). -#}
with settings as (
    select
        cast(max(value) filter (where setting = 'late_fee_daily_rate') as decimal(12, 8)) as daily_rate,
        cast(coalesce(max(value) filter (where setting = 'late_fee_grace_days'), '0') as integer) as grace_days
    from {{ ref('receivables_settings') }}
),

live_deals as (
    select deals.deal_id
    from {{ ref('int_deals_joined') }} as deals
    cross join {{ ref('int_as_of_date') }} as as_of
    where {{ deal_live_at('as_of.as_of_date', 'deals') }}
),

segments as (
    select segments.*
    from {{ ref('int_line_balances_segmented') }} as segments
    inner join live_deals on segments.deal_id = live_deals.deal_id
    where segments.payer = 'customer' and segments.item <> 'late_fee'
),

overdue_ranges as (
    select
        segments.*,
        settings.daily_rate,
        greatest(segments.segment_start_date, cast(segments.due_date + 1 + settings.grace_days as date)) as range_start_date,
        segments.segment_end_date as range_end_date
    from segments
    cross join settings
),

accrued as (
    select
        schedule_id,
        any_value(deal_id) as deal_id,
        any_value(contract_id) as contract_id,
        any_value(project_id) as project_id,
        any_value(customer_id) as customer_id,
        any_value(item) as item,
        any_value(due_date) as due_date,
        any_value(amount_due) as amount_due,
        any_value(daily_rate) as daily_rate,
        sum(range_end_date - range_start_date) as overdue_days,
        sum(outstanding_amount * (range_end_date - range_start_date)) as overdue_amount_days
    from overdue_ranges
    where range_start_date < range_end_date
    group by schedule_id
),

current_lines as (
    select schedule_id, outstanding_amount from {{ ref('fct_receivable_lines') }}
)

select
    {{ as_of_date() }} as as_of_date,
    accrued.schedule_id,
    accrued.deal_id,
    accrued.contract_id,
    accrued.project_id,
    accrued.customer_id,
    accrued.item,
    accrued.due_date,
    accrued.amount_due,
    cast(coalesce(current_lines.outstanding_amount, 0) as decimal(18, 2)) as outstanding_amount,
    cast(accrued.overdue_days as integer) as overdue_days,
    cast(accrued.overdue_amount_days as decimal(24, 2)) as overdue_amount_days,
    accrued.daily_rate,
    cast(round(accrued.overdue_amount_days * accrued.daily_rate, 2) as decimal(18, 2)) as late_fee_amount
from accrued
left join current_lines on accrued.schedule_id = current_lines.schedule_id
