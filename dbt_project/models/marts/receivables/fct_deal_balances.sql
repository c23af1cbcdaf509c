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
    where deals.deal_start_date <= as_of.as_of_date
        and (deals.deal_end_date is null or deals.deal_end_date > as_of.as_of_date)
),

receivable_lines as (
    select
        deal_id,
        payer,
        sum(amount_due) as due_amount,
        sum(outstanding_amount) as outstanding_amount,
        sum(outstanding_amount) filter (where days_past_due >= 1) as overdue_amount,
        count(*) as line_count
    from {{ ref('fct_receivable_lines') }}
    group by deal_id, payer
),

payable_lines as (
    select lines.deal_id, lines.payer, -sum(lines.amount_due) as payable_due_amount
    from {{ ref('int_schedule_lines_keyed') }} as lines
    cross join as_of
    where lines.amount_due < 0 and lines.line_start_date <= as_of.as_of_date
    group by lines.deal_id, lines.payer
),

receipts as (
    select
        receipts.deal_id,
        receipts.payer,
        sum(receipts.receipt_amount) filter (where receipts.is_fifo_receipt) as net_receipts_amount,
        -sum(receipts.receipt_amount) filter (where receipts.is_buyer_payable_refund) as payable_refunded_amount
    from {{ ref('int_receipts_keyed') }} as receipts
    cross join as_of
    where receipts.is_deal_receipt and receipts.receipt_date <= as_of.as_of_date
    group by receipts.deal_id, receipts.payer
),

deal_payers as (
    select deal_id, payer from receivable_lines
    union
    select deal_id, payer from payable_lines
    union
    select deal_id, payer from receipts
),

combined as (
    select
        live_deals.deal_id,
        live_deals.contract_id,
        live_deals.subscription_id,
        live_deals.project_id,
        live_deals.customer_id,
        deal_payers.payer,
        coalesce(receivable_lines.line_count, 0) as line_count,
        coalesce(receivable_lines.due_amount, 0) as due_amount,
        coalesce(receipts.net_receipts_amount, 0) as net_receipts_amount,
        coalesce(receivable_lines.outstanding_amount, 0) as outstanding_amount,
        coalesce(receivable_lines.overdue_amount, 0) as overdue_amount,
        coalesce(payable_lines.payable_due_amount, 0) as payable_due_amount,
        coalesce(receipts.payable_refunded_amount, 0) as payable_refunded_amount
    from live_deals
    inner join deal_payers on live_deals.deal_id = deal_payers.deal_id
    left join receivable_lines
        on deal_payers.deal_id = receivable_lines.deal_id and deal_payers.payer = receivable_lines.payer
    left join payable_lines
        on deal_payers.deal_id = payable_lines.deal_id and deal_payers.payer = payable_lines.payer
    left join receipts
        on deal_payers.deal_id = receipts.deal_id and deal_payers.payer = receipts.payer
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
