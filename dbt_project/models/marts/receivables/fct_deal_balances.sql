{#- 客户往来余额 as of D, per live deal and payer: what is due, what was received, and the
    three balances metrics.md keeps apart — receivable (outstanding, FIFO over positive
    lines), credit balance (receipts above the total due, never a negative receivable) and
    buyer payable (negative true-up lines owed to the buyer, less the true-up refunds paid).
    Identity: outstanding - credit_balance + over_refunded = due - net_receipts. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

live_deals as (
    select deals.*
    from {{ ref('int_deals_joined') }} as deals
    cross join as_of
    where {{ deal_live_at('as_of.as_of_date', 'deals') }}
),

-- every line, payable line and receipt in one shape, added up per deal and payer in one
-- aggregate: four aggregates joined on (deal_id, payer) ran out of memory at 4x large
-- under the 2.5 GB cap (and at 1x under 600 MB)
parts as (
    select
        deal_id,
        payer,
        1 as line_count,
        amount_due as due_amount,
        outstanding_amount,
        case when days_past_due >= 1 then outstanding_amount end as overdue_amount,
        cast(null as decimal(18, 2)) as net_receipts_amount,
        cast(null as decimal(18, 2)) as payable_due_amount,
        cast(null as decimal(18, 2)) as payable_refunded_amount
    from {{ ref('fct_receivable_lines') }}
    union all
    select lines.deal_id, lines.payer, 0, null, null, null, null, -lines.amount_due, null
    from {{ ref('int_schedule_lines_keyed') }} as lines
    cross join as_of
    where lines.amount_due < 0 and lines.line_start_date <= as_of.as_of_date
    union all
    select
        receipts.deal_id,
        receipts.payer,
        0,
        null,
        null,
        null,
        case when receipts.is_fifo_receipt then receipts.receipt_amount end,
        null,
        case when receipts.is_buyer_payable_refund then -receipts.receipt_amount end
    from {{ ref('int_receipts_keyed') }} as receipts
    cross join as_of
    where receipts.is_deal_receipt and receipts.receipt_date <= as_of.as_of_date
),

balances as (
    select
        deal_id,
        payer,
        cast(sum(line_count) as bigint) as line_count,
        coalesce(sum(due_amount), 0) as due_amount,
        coalesce(sum(net_receipts_amount), 0) as net_receipts_amount,
        coalesce(sum(outstanding_amount), 0) as outstanding_amount,
        coalesce(sum(overdue_amount), 0) as overdue_amount,
        coalesce(sum(payable_due_amount), 0) as payable_due_amount,
        coalesce(sum(payable_refunded_amount), 0) as payable_refunded_amount
    from parts
    group by deal_id, payer
),

combined as (
    select
        live_deals.deal_id,
        live_deals.contract_id,
        live_deals.subscription_id,
        live_deals.project_id,
        live_deals.customer_id,
        balances.payer,
        balances.line_count,
        balances.due_amount,
        balances.net_receipts_amount,
        balances.outstanding_amount,
        balances.overdue_amount,
        balances.payable_due_amount,
        balances.payable_refunded_amount
    from live_deals
    inner join balances on live_deals.deal_id = balances.deal_id
)

select
    as_of.as_of_date,
    combined.deal_id,
    combined.contract_id,
    combined.subscription_id,
    combined.project_id,
    combined.customer_id,
    combined.payer,
    combined.line_count,
    cast(combined.due_amount as decimal(18, 2)) as due_amount,
    cast(combined.net_receipts_amount as decimal(18, 2)) as net_receipts_amount,
    cast(combined.outstanding_amount as decimal(18, 2)) as outstanding_amount,
    cast(combined.overdue_amount as decimal(18, 2)) as overdue_amount,
    cast(greatest(combined.net_receipts_amount - combined.due_amount, 0) as decimal(18, 2)) as credit_balance_amount,
    cast(greatest(-combined.net_receipts_amount, 0) as decimal(18, 2)) as over_refunded_amount,
    cast(combined.payable_due_amount as decimal(18, 2)) as buyer_payable_due_amount,
    cast(combined.payable_refunded_amount as decimal(18, 2)) as buyer_payable_refunded_amount,
    cast(combined.payable_due_amount - combined.payable_refunded_amount as decimal(18, 2)) as buyer_payable_amount
from combined
cross join as_of
