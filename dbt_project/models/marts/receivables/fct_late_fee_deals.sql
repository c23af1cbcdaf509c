{#- 滞纳金 per deal up to D: the sum of its lines' accrued late fees (fct_late_fee_accruals),
    with the customer's name (dim_customer) so the late-fee list does no join; stored in
    the list's order (largest fee first). -#}
with deals as (
    select
        as_of_date,
        deal_id,
        any_value(contract_id) as contract_id,
        any_value(project_id) as project_id,
        any_value(customer_id) as customer_id,
        count(*) as line_count,
        cast(sum(outstanding_amount) as decimal(18, 2)) as outstanding_amount,
        cast(sum(late_fee_amount) as decimal(18, 2)) as late_fee_amount
    from {{ ref('fct_late_fee_accruals') }}
    group by as_of_date, deal_id
),

customers as (
    select customer_id, customer_name from {{ ref('dim_customer') }}
)

select deals.*, customers.customer_name
from deals
left join customers on deals.customer_id = customers.customer_id
order by deals.late_fee_amount desc, deals.deal_id
