{#- 滞纳金 per deal up to D: the sum of its lines' accrued late fees (fct_late_fee_accruals). -#}
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
