{#- 回款 per project and month, from the first contract month (earlier if receipts come
    earlier) to the month of D (that month counted up to D). Collection rate (回款率) of month M over the deals live at the end of M
    (D for the month of D): their receipts dated in M, reservation fees excluded / (their
    outstanding at the end of M-1 on lines due on or before that day + their amounts due on
    lines due in M, up to D, existing at the end of M). Plan achievement = cash collected /
    the sales plan's collection target. -#}
with receipts as (
    select receipts.*
    from {{ ref('int_receipts_keyed') }} as receipts
    where receipts.receipt_date <= {{ as_of_date() }}
),

listed_months as (
    select month_start, previous_month_end, period_end_date, is_complete_month
    from {{ ref('int_months_listed') }}
),

-- months with receipts before the first contract month (reservation fees), so that every
-- receipt up to D is in cash_collected
months as (
    select * from listed_months
    union all
    select distinct
        receipt_month,
        cast(receipt_month - interval 1 day as date),
        last_day(receipt_month),
        true
    from receipts
    where receipt_month < (select min(month_start) from listed_months)
),

deals as (
    select deal_id, deal_start_date, deal_end_date from {{ ref('int_deals_joined') }}
),

plans as (
    select project_id, month as month_start, collection_target_amount
    from {{ ref('stg_marketing__sales_plans') }}
),

cash as (
    select project_id, receipt_month as month_start, sum(receipt_amount) as cash_collected
    from receipts
    group by project_id, receipt_month
),

deal_cash as (
    select receipts.project_id, months.month_start, sum(receipts.receipt_amount) as deal_collected
    from receipts
    inner join months on receipts.receipt_month = months.month_start
    inner join deals on receipts.deal_id = deals.deal_id
    where receipts.is_deal_receipt
        and {{ deal_live_at('months.period_end_date', 'deals') }}
    group by receipts.project_id, months.month_start
),

due as (
    select lines.project_id, months.month_start, sum(lines.amount_due) as due_in_month
    from {{ ref('int_schedule_lines_keyed') }} as lines
    inner join months on cast(date_trunc('month', lines.due_date) as date) = months.month_start
    where lines.amount_due > 0
        and lines.due_date <= months.period_end_date
        and lines.line_start_date <= months.period_end_date
        and {{ deal_live_at('months.period_end_date', 'lines') }}
    group by lines.project_id, months.month_start
),

opening as (
    select balances.project_id, months.month_start, sum(balances.outstanding_amount) as opening_overdue
    from {{ ref('int_line_balances_month_ended') }} as balances
    inner join months on balances.month_end = months.previous_month_end
    inner join deals on balances.deal_id = deals.deal_id
    where balances.due_date <= balances.month_end
        and {{ deal_live_at('months.period_end_date', 'deals') }}
    group by balances.project_id, months.month_start
),

projects as (
    select project_id from {{ ref('int_deals_joined') }}
    union
    select project_id from cash
    union
    select project_id from plans
),

grid as (
    select projects.project_id, months.month_start, months.is_complete_month
    from projects cross join months
),

joined as (
    select
        grid.project_id,
        grid.month_start as month,
        grid.is_complete_month,
        coalesce(cash.cash_collected, 0) as cash_collected,
        coalesce(deal_cash.deal_collected, 0) as deal_collected,
        coalesce(opening.opening_overdue, 0) as opening_overdue,
        coalesce(due.due_in_month, 0) as due_in_month,
        plans.collection_target_amount
    from grid
    left join cash on grid.project_id is not distinct from cash.project_id and grid.month_start = cash.month_start
    left join deal_cash on grid.project_id is not distinct from deal_cash.project_id and grid.month_start = deal_cash.month_start
    left join opening on grid.project_id is not distinct from opening.project_id and grid.month_start = opening.month_start
    left join due on grid.project_id is not distinct from due.project_id and grid.month_start = due.month_start
    left join plans on grid.project_id = plans.project_id and grid.month_start = plans.month_start
)

select
    project_id,
    month,
    cast(cash_collected as decimal(18, 2)) as cash_collected,
    cast(deal_collected as decimal(18, 2)) as deal_collected,
    cast(opening_overdue as decimal(18, 2)) as opening_overdue,
    cast(due_in_month as decimal(18, 2)) as due_in_month,
    cast(deal_collected as double) / nullif(cast(opening_overdue + due_in_month as double), 0) as collection_rate,
    collection_target_amount,
    cast(cash_collected as double) / nullif(cast(collection_target_amount as double), 0) as plan_achievement,
    is_complete_month
from joined
