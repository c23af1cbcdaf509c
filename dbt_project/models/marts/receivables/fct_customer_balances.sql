{#- 客户应收 per customer and project at D: fct_deal_balances summed over the customer's deals
    live at D in that project, with the customer's name and masked phone (dim_customer) and
    credit grade (fct_customer_credit), so the receivables-by-customer list reads one table
    and does no join. customer_project_count = in how many projects the customer has live
    deals: a list over several projects sums that customer's rows, and when it is 1 the row
    is already the customer's whole figure. Stored with those few customers first, then in
    the list's order (overdue, then outstanding, descending), so a page reads the summed
    customers from the first row groups and the rest nearly in order. -#}
{%- set summed = [
    'line_count', 'due_amount', 'net_receipts_amount', 'outstanding_amount', 'overdue_amount',
    'credit_balance_amount', 'over_refunded_amount', 'buyer_payable_due_amount',
    'buyer_payable_refunded_amount', 'buyer_payable_amount',
] %}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

-- a deal's rows (one per payer) summed first, so the deals are counted without a
-- count(distinct): with it and the ORDER BY below in one query, DuckDB could not spill (out
-- of memory at 1x large under a 625 MB cap; in the incremental rebuild at 4x under 2.5 GB)
deals as (
    select
        customer_id,
        project_id,
        deal_id,
        {%- for column in summed %}
        sum({{ column }}) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('fct_deal_balances') }}
    group by customer_id, project_id, deal_id
),

balances as (
    select
        customer_id,
        project_id,
        count(*) as deal_count,
        {%- for column in summed %}
        sum({{ column }}) as {{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from deals
    group by customer_id, project_id
),

customers as (
    select customer_id, customer_name, phone_masked from {{ ref('dim_customer') }}
),

credit as (
    select customer_id, credit_grade from {{ ref('fct_customer_credit') }}
)

select
    as_of.as_of_date,
    balances.customer_id,
    balances.project_id,
    customers.customer_name,
    customers.phone_masked,
    credit.credit_grade,
    count(*) over (partition by balances.customer_id) as customer_project_count,
    balances.deal_count,
    cast(balances.line_count as bigint) as line_count,
    cast(balances.due_amount as decimal(18, 2)) as due_amount,
    cast(balances.net_receipts_amount as decimal(18, 2)) as net_receipts_amount,
    cast(balances.outstanding_amount as decimal(18, 2)) as outstanding_amount,
    cast(balances.overdue_amount as decimal(18, 2)) as overdue_amount,
    cast(balances.credit_balance_amount as decimal(18, 2)) as credit_balance_amount,
    cast(balances.over_refunded_amount as decimal(18, 2)) as over_refunded_amount,
    cast(balances.buyer_payable_due_amount as decimal(18, 2)) as buyer_payable_due_amount,
    cast(balances.buyer_payable_refunded_amount as decimal(18, 2)) as buyer_payable_refunded_amount,
    cast(balances.buyer_payable_amount as decimal(18, 2)) as buyer_payable_amount
from balances
cross join as_of
left join customers on balances.customer_id = customers.customer_id
left join credit on balances.customer_id = credit.customer_id
order by customer_project_count desc, overdue_amount desc, outstanding_amount desc, customer_id, project_id
