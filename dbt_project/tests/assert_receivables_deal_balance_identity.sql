{#- Per live deal and payer: outstanding - credit = due - net receipts (metrics: FIFO pays the
    positive lines; receipts above the total due are a credit balance). Net receipts below
    zero (more refunded than received) are carried as over_refunded. Due and net receipts are
    recomputed here from the keyed lines and receipts, not taken from the mart. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

due as (
    select lines.deal_id, lines.payer, sum(lines.amount_due) as due_amount
    from {{ ref('int_schedule_lines_keyed') }} as lines
    cross join as_of
    where lines.amount_due > 0 and lines.line_start_date <= as_of.as_of_date
    group by all
),

paid as (
    select receipts.deal_id, receipts.payer, sum(receipts.receipt_amount) as net_receipts_amount
    from {{ ref('int_receipts_keyed') }} as receipts
    cross join as_of
    where receipts.is_fifo_receipt and receipts.receipt_date <= as_of.as_of_date
    group by all
)

select
    balances.deal_id,
    balances.payer,
    balances.outstanding_amount,
    balances.credit_balance_amount,
    balances.over_refunded_amount,
    coalesce(due.due_amount, 0) as due_amount,
    coalesce(paid.net_receipts_amount, 0) as net_receipts_amount
from {{ ref('fct_deal_balances') }} as balances
left join due on balances.deal_id = due.deal_id and balances.payer = due.payer
left join paid on balances.deal_id = paid.deal_id and balances.payer = paid.payer
where balances.outstanding_amount - balances.credit_balance_amount + balances.over_refunded_amount
    <> coalesce(due.due_amount, 0) - coalesce(paid.net_receipts_amount, 0)
    or balances.outstanding_amount < 0
    or balances.credit_balance_amount < 0
