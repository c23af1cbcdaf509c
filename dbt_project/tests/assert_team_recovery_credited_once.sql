{#- Last-touch attribution credits a yuan at most once: the amount recovered within 30 days
    over all actions never exceeds the customers' positive deal receipts up to D. -#}
with credited as (
    select coalesce(sum(recovered_30d_amount), 0) as amount
    from {{ ref('fct_collection_action_outcomes') }}
),

paid as (
    select coalesce(sum(receipt_amount), 0) as amount
    from {{ ref('int_receipts_keyed') }}
    where payer = 'customer' and is_fifo_receipt and receipt_amount > 0
        and receipt_date <= (select as_of_date from {{ ref('int_as_of_date') }})
)

select credited.amount as credited, paid.amount as paid
from credited, paid
where credited.amount > paid.amount
