{#- Aging buckets sum to outstanding: per project and payer, the buckets of fct_ar_aging add
    up to the outstanding of fct_receivable_lines, of its open lines (fct_open_receivable_lines,
    the drill-down's rows) and of fct_deal_balances, and the overdue buckets to the deals'
    overdue amount. -#}
with aging as (
    select project_id, payer,
        sum(outstanding_amount) as outstanding_amount,
        sum(outstanding_amount) filter (where aging_bucket <> 'not_due') as overdue_amount
    from {{ ref('fct_ar_aging') }}
    group by all
),

lines as (
    select project_id, payer, sum(outstanding_amount) as outstanding_amount
    from {{ ref('fct_receivable_lines') }}
    group by all
),

open_lines as (
    select project_id, payer, sum(outstanding_amount) as outstanding_amount
    from {{ ref('fct_open_receivable_lines') }}
    group by all
),

balances as (
    select project_id, payer,
        sum(outstanding_amount) as outstanding_amount,
        sum(overdue_amount) as overdue_amount
    from {{ ref('fct_deal_balances') }}
    group by all
),

keys as (
    select project_id, payer from aging
    union select project_id, payer from lines
    union select project_id, payer from open_lines
    union select project_id, payer from balances
)

select
    keys.project_id,
    keys.payer,
    aging.outstanding_amount as aging_amount,
    lines.outstanding_amount as lines_amount,
    open_lines.outstanding_amount as open_lines_amount,
    balances.outstanding_amount as balances_amount,
    aging.overdue_amount as aging_overdue_amount,
    balances.overdue_amount as balances_overdue_amount
from keys
left join aging on keys.project_id is not distinct from aging.project_id and keys.payer = aging.payer
left join lines on keys.project_id is not distinct from lines.project_id and keys.payer = lines.payer
left join open_lines on keys.project_id is not distinct from open_lines.project_id and keys.payer = open_lines.payer
left join balances on keys.project_id is not distinct from balances.project_id and keys.payer = balances.payer
where coalesce(aging.outstanding_amount, 0) <> coalesce(lines.outstanding_amount, 0)
    or coalesce(aging.outstanding_amount, 0) <> coalesce(open_lines.outstanding_amount, 0)
    or coalesce(aging.outstanding_amount, 0) <> coalesce(balances.outstanding_amount, 0)
    or coalesce(aging.overdue_amount, 0) <> coalesce(balances.overdue_amount, 0)
