{#- 实收明细: every receipt on or before the as-of date, refunds negative, all items.
    Reservation fees are cash received, not receivables, and are flagged so. project_id is
    int_receipts_keyed's: the deal's project, else the reservation's.

    Incremental by receipt, as its two inputs are (macros/receipts_incremental.sql): a build
    where receipts alone changed works out only the receipts stg_finance__receipts_changed
    lists. The cut at D keeps every other receipt in or out as it was: D is then either the
    same --as-of date (a new one reruns every model) or the latest receipt date, on or after
    every receipt's date before and after the change. -#}
{{ config(materialized='incremental', pre_hook="{{ receipts_prune() }}") }}
-- depends_on: {{ ref('stg_finance__receipts_changed') }}
with receipts as (
    select * from {{ ref('stg_finance__receipts') }} as receipts
    {{ receipts_where_changed('receipts') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
)

select
    receipts.receipt_id,
    keyed.project_id,
    receipts.contract_id,
    receipts.subscription_id,
    receipts.reservation_id,
    receipts.receipt_date,
    cast(date_trunc('month', receipts.receipt_date) as date) as receipt_month,
    receipts.item,
    receipts.method,
    receipts.receipt_amount,
    receipts.item = 'reservation_fee' as is_reservation_fee,
    receipts.receipt_amount < 0 as is_refund,
    receipts.voucher_no,
    receipts.source_file_name,
    receipts.source_row_number
from receipts
left join {{ ref('int_receipts_keyed') }} as keyed on receipts.receipt_id = keyed.receipt_id
cross join as_of
where receipts.receipt_date <= as_of.as_of_date
