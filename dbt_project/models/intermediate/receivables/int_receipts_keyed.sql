{#- 收款 keyed to deals and projects (metrics: "As-of date and what is live", "Collections").

    Every receipt is kept (cash collected counts them all). A receipt under a contract
    belongs to that contract's deal; under a subscription, to the deal of that subscription
    (its contract's deal once signed). Reservation fees (认筹金) are cash, not deal receipts:
    is_deal_receipt is false for them and for receipts whose key matches no deal. Project:
    the deal's, else the reservation's. Payer: `loan` receipts are the bank's.

    A negative `area_true_up` receipt is the developer paying a true-up refund owed to the
    buyer (a negative schedule line). Those lines are payables kept apart from receivables,
    so the refunds that settle them are too: is_buyer_payable_refund marks them, and FIFO
    (is_fifo_receipt) leaves them out, else paying a buyer's refund would reopen their
    receivable.

    Incremental by receipt, as stg_finance__receipts is: a build where receipts alone
    changed works out only the receipts stg_finance__receipts_changed lists (deals and
    reservations are then as published). -#}
{{ config(materialized='incremental', pre_hook="{{ receipts_prune() }}") }}
-- depends_on: {{ ref('stg_finance__receipts_changed') }}
with receipts as (
    select * from {{ ref('stg_finance__receipts') }} as receipts
    {{ receipts_where_changed('receipts') }}
),

deals as (
    select * from {{ ref('int_deals_joined') }}
),

deals_by_subscription as (
    select *
    from deals
    where subscription_id is not null
    qualify row_number() over (
        partition by subscription_id order by sign_date desc nulls last, deal_id desc
    ) = 1
),

reservations as (
    select reservation_id, project_id from {{ ref('stg_erp__reservations') }}
),

keyed as (
    select
        receipts.receipt_id,
        case
            when receipts.contract_id is not null then by_contract.deal_id
            when receipts.subscription_id is not null then by_subscription.deal_id
        end as deal_id,
        receipts.reservation_id,
        receipts.item,
        receipts.receipt_date,
        receipts.receipt_amount
    from receipts
    left join deals as by_contract
        on receipts.contract_id = by_contract.contract_id
    left join deals_by_subscription as by_subscription
        on receipts.contract_id is null and receipts.subscription_id = by_subscription.subscription_id
)

select
    keyed.receipt_id,
    keyed.deal_id,
    coalesce(deals.project_id, reservations.project_id) as project_id,
    deals.customer_id,
    -- categories
    keyed.item,
    {{ receivables_payer('keyed.item') }} as payer,
    keyed.item = 'reservation_fee' as is_reservation_fee,
    keyed.deal_id is not null and keyed.item <> 'reservation_fee' as is_deal_receipt,
    keyed.item = 'area_true_up' and keyed.receipt_amount < 0 as is_buyer_payable_refund,
    keyed.deal_id is not null and keyed.item <> 'reservation_fee'
        and not (keyed.item = 'area_true_up' and keyed.receipt_amount < 0) as is_fifo_receipt,
    -- dates
    keyed.receipt_date,
    cast(date_trunc('month', keyed.receipt_date) as date) as receipt_month,
    -- amounts
    keyed.receipt_amount
from keyed
left join deals on keyed.deal_id = deals.deal_id
left join reservations on keyed.reservation_id = reservations.reservation_id
