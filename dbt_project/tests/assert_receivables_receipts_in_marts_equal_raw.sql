{#- Receipts in the receivables marts = receipts in raw (latest version of each receipt_id,
    dated on or before D): every receipt is in fct_collections_monthly.cash_collected, and
    every deal receipt of a live deal in fct_deal_balances (FIFO receipts + buyer-payable
    refunds) — not a fen lost or counted twice between the layers. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

raw_receipts as (
    select receipt_id, contract_id, subscription_id, item, amount, receipt_date
    from {{ source('raw', 'receipts') }}
    qualify row_number() over (
        partition by receipt_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

raw_total as (
    select coalesce(sum(raw_receipts.amount), 0) as total
    from raw_receipts cross join as_of
    where raw_receipts.receipt_date <= as_of.as_of_date
),

cash_total as (
    select coalesce(sum(cash_collected), 0) as total from {{ ref('fct_collections_monthly') }}
),

live_deal_receipts as (
    select coalesce(sum(receipts.receipt_amount), 0) as total
    from {{ ref('int_receipts_keyed') }} as receipts
    inner join {{ ref('int_deals_joined') }} as deals on receipts.deal_id = deals.deal_id
    cross join as_of
    where receipts.is_deal_receipt
        and receipts.receipt_date <= as_of.as_of_date
        and {{ deal_live_at('as_of.as_of_date', 'deals') }}
),

balances_total as (
    select coalesce(sum(net_receipts_amount) - sum(buyer_payable_refunded_amount), 0) as total
    from {{ ref('fct_deal_balances') }}
)

select 'cash_collected' as check_name, raw_total.total as expected, cash_total.total as actual
from raw_total cross join cash_total
where raw_total.total <> cash_total.total
union all
select 'deal_balances', live_deal_receipts.total, balances_total.total
from live_deal_receipts cross join balances_total
where live_deal_receipts.total <> balances_total.total
