{#- The per-customer balances the collections page lists add up to the deal balances:
    fct_customer_balances per customer and project, and the receivable and overdue that
    fct_customer_credit carries per customer (every project), equal fct_deal_balances summed
    the same way, to the fen. Any key on one side only, or any figure apart, is a row. -#}
with deals as (
    select
        customer_id,
        project_id,
        count(distinct deal_id) as deal_count,
        sum(line_count) as line_count,
        sum(due_amount) as due_amount,
        sum(net_receipts_amount) as net_receipts_amount,
        sum(outstanding_amount) as outstanding_amount,
        sum(overdue_amount) as overdue_amount,
        sum(credit_balance_amount) as credit_balance_amount,
        sum(over_refunded_amount) as over_refunded_amount,
        sum(buyer_payable_due_amount) as buyer_payable_due_amount,
        sum(buyer_payable_refunded_amount) as buyer_payable_refunded_amount,
        sum(buyer_payable_amount) as buyer_payable_amount
    from {{ ref('fct_deal_balances') }}
    group by customer_id, project_id
),

projects as (
    select customer_id, count(distinct coalesce(project_id, '')) as project_count
    from {{ ref('fct_deal_balances') }}
    group by customer_id
),

by_project as (
    select
        'customer_balances' as check_name,
        coalesce(deals.customer_id, mart.customer_id) as customer_id,
        coalesce(deals.project_id, mart.project_id) as project_id
    from deals
    full outer join {{ ref('fct_customer_balances') }} as mart
        on deals.customer_id is not distinct from mart.customer_id
        and deals.project_id is not distinct from mart.project_id
    left join projects on deals.customer_id is not distinct from projects.customer_id
    where deals.customer_id is distinct from mart.customer_id
        or deals.project_id is distinct from mart.project_id
        or mart.deal_count <> deals.deal_count
        or mart.line_count <> deals.line_count
        or mart.customer_project_count <> projects.project_count
        or mart.due_amount <> deals.due_amount
        or mart.net_receipts_amount <> deals.net_receipts_amount
        or mart.outstanding_amount <> deals.outstanding_amount
        or mart.overdue_amount <> deals.overdue_amount
        or mart.credit_balance_amount <> deals.credit_balance_amount
        or mart.over_refunded_amount <> deals.over_refunded_amount
        or mart.buyer_payable_due_amount <> deals.buyer_payable_due_amount
        or mart.buyer_payable_refunded_amount <> deals.buyer_payable_refunded_amount
        or mart.buyer_payable_amount <> deals.buyer_payable_amount
),

customers as (
    select
        customer_id,
        sum(outstanding_amount) as outstanding_amount,
        sum(overdue_amount) as overdue_amount
    from {{ ref('fct_deal_balances') }}
    group by customer_id
),

credit as (
    select 'customer_credit' as check_name, credit.customer_id, cast(null as varchar) as project_id
    from {{ ref('fct_customer_credit') }} as credit
    left join customers on credit.customer_id = customers.customer_id
    where credit.outstanding_amount <> coalesce(customers.outstanding_amount, 0)
        or credit.overdue_amount <> coalesce(customers.overdue_amount, 0)
)

select * from by_project
union all
select * from credit
