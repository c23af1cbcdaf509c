{#- Each customer's credit grade at each forecast date F, by the rule of fct_customer_credit
    applied to the history known at F (int_forecast_line_history): amount-weighted mean
    days late of the settled lines, open overdue lines of live deals counted with their
    days past due at F; grades from seed receivables_credit_grades. Customers with nothing
    settled or overdue yet have no row (the forecast calls them ungraded). -#}
{{ forecast_incremental_config() }}
with counted as (
    select
        forecast_as_of,
        customer_id,
        amount_due,
        case when is_settled then greatest(delay_days, 0) else delay_days end as delay_days
    from {{ ref('int_forecast_line_history') }}
    where (is_settled or (is_deal_live and due_date < forecast_as_of))
        {{ forecast_where_built(keyword='and') }}
),

customers as (
    select
        forecast_as_of,
        customer_id,
        cast(sum(amount_due * delay_days) as double) / cast(sum(amount_due) as double)
            as avg_payment_delay_days
    from counted
    group by forecast_as_of, customer_id
),

grades as (
    select
        credit_grade,
        cast(coalesce(max_avg_delay_days, 1e12) as double) as max_avg_delay_days
    from {{ ref('receivables_credit_grades') }}
)

select
    customers.forecast_as_of,
    customers.customer_id,
    customers.avg_payment_delay_days,
    grades.credit_grade
from customers
asof left join grades on customers.avg_payment_delay_days <= grades.max_avg_delay_days
