{#- 回款 by month: cash collected in each month is every receipt dated in it, refunds
    negative, all items (metrics: "Cash collected in a period"). -#}
select
    receipt_month as month,
    sum(receipt_amount) as cash_collected,
    sum(receipt_amount) filter (where receipt_amount < 0) as refunds_amount,
    sum(receipt_amount) filter (where is_reservation_fee) as reservation_fees_amount,
    count(*) as receipt_count
from {{ ref('fct_receipts') }}
group by receipt_month
