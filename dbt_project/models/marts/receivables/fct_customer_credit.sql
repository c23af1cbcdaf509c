{#- 客户信用等级 as of D: each customer's average payment delay and the credit grade it gives.
    Average payment delay = amount-weighted mean days late of the customer's settled lines,
    open overdue lines (of deals live at D) counted with their days past due at D. Only the
    customer's own lines count (payer = customer); the bank's loan lines are not the
    buyer's conduct. Grades come from seed receivables_credit_grades: the first grade whose
    max_avg_delay_days is >= the delay (an empty max = no upper bound). With the customer's
    receivable and overdue at D over all their live deals (fct_deal_balances, every project),
    so the credit-grade report sums one table. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

settlements as (
    select * from {{ ref('fct_line_settlements') }} where payer = 'customer'
),

counted as (
    select
        settlements.customer_id,
        settlements.project_id,
        settlements.amount_due,
        case
            when settlements.settled_date is not null then settlements.days_late
            else as_of.as_of_date - settlements.due_date
        end as delay_days,
        settlements.settled_date is not null as is_settled
    from settlements
    cross join as_of
    where settlements.settled_date is not null
        or (settlements.is_deal_live and settlements.due_date < as_of.as_of_date)
),

customers as (
    select
        customer_id,
        -- a customer buying in two projects shows the first (any_value changed between builds)
        min(project_id) as project_id,
        count(*) filter (where is_settled) as settled_line_count,
        count(*) filter (where not is_settled) as open_overdue_line_count,
        sum(amount_due) as weighted_amount,
        cast(sum(amount_due * delay_days) as double) / cast(sum(amount_due) as double) as avg_payment_delay_days
    from counted
    group by customer_id
),

balances as (
    select
        customer_id,
        sum(outstanding_amount) as outstanding_amount,
        sum(overdue_amount) as overdue_amount
    from {{ ref('fct_deal_balances') }}
    group by customer_id
),

grades as (
    select
        credit_grade,
        cast(coalesce(max_avg_delay_days, 1e12) as double) as max_avg_delay_days
    from {{ ref('receivables_credit_grades') }}
)

select
    as_of.as_of_date,
    customers.customer_id,
    customers.project_id,
    customers.settled_line_count,
    customers.open_overdue_line_count,
    cast(customers.weighted_amount as decimal(18, 2)) as weighted_amount,
    customers.avg_payment_delay_days,
    grades.credit_grade,
    cast(coalesce(balances.outstanding_amount, 0) as decimal(18, 2)) as outstanding_amount,
    cast(coalesce(balances.overdue_amount, 0) as decimal(18, 2)) as overdue_amount
from customers
cross join as_of
left join balances on customers.customer_id = balances.customer_id
asof left join grades on customers.avg_payment_delay_days <= grades.max_avg_delay_days
