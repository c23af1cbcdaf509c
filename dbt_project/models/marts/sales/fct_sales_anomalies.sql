{#- 异常预警 at D: one row per anomaly, for the control reports:
    - quick_cancellation: a contract cancelled within var sales_quick_cancel_days (90) days
      of signing (炒房 signal);
    - repeat_canceller: a customer with var sales_repeat_cancel_count (2) or more cancelled
      contracts or subscriptions by D (one row per customer, on their latest cancellation);
    - below_floor_price: a contract whose contract_amount < the unit's floor price (穿底价);
    - overdue_unsigned: a live subscription past its sign-by date (逾期未签约);
    - high_cancellation_month: a project month whose contract cancellations / contracts
      signed exceed var sales_cancel_rate_alert (0.1). -#}
with contracts as (
    select * from {{ ref('fct_contracts') }}
),

subscriptions as (
    select * from {{ ref('fct_subscriptions') }}
),

monthly as (
    select * from {{ ref('fct_sales_monthly') }}
),

cancellations as (
    select customer_id, project_id, contract_id as reference_id, cancel_date,
        contract_amount as amount, consultant_id
    from contracts where cancel_date is not null
    union all
    select customer_id, project_id, subscription_id, cancel_date, deal_price_amount,
        consultant_id
    from subscriptions where cancel_date is not null
),

-- on the customer's latest cancellation (by date, then reference), every field from it
-- (macros/latest_row.sql: one without a consultant never shows an earlier one's)
repeat_cancellers as (
    select
        customer_id,
        latest.project_id,
        latest.reference_id,
        latest.consultant_id,
        event_date,
        amount,
        cancellation_count
    from (
        select
            customer_id,
            {{ latest_row(['project_id', 'reference_id', 'consultant_id'],
                '(cancel_date, reference_id)') }} as latest,
            max(cancel_date) as event_date,
            sum(amount) as amount,
            count(*) as cancellation_count
        from cancellations
        where customer_id is not null
        group by customer_id
        having count(*) >= {{ var('sales_repeat_cancel_count', 2) }}
    )
),

anomalies as (
    select 'quick_cancellation' as anomaly_type, project_id, contract_id as reference_id,
        customer_id, consultant_id, cancel_date as event_date, contract_amount as amount,
        'cancelled ' || days_signed_to_cancel || ' days after signing on '
            || strftime(sign_date, '%Y-%m-%d') as detail
    from contracts
    where is_quick_cancellation
    union all
    select 'repeat_canceller', project_id, reference_id, customer_id, consultant_id,
        event_date, amount, cancellation_count || ' cancellations'
    from repeat_cancellers
    union all
    select 'below_floor_price', project_id, contract_id, customer_id, consultant_id,
        sign_date, below_floor_amount,
        'contract ' || contract_amount || ' < floor ' || floor_price_amount
    from contracts
    where is_below_floor
    union all
    select 'overdue_unsigned', project_id, subscription_id, customer_id, consultant_id,
        sign_by_date, deal_price_amount,
        days_overdue_unsigned || ' days past sign-by date'
    from subscriptions
    where is_overdue_unsigned
    union all
    select 'high_cancellation_month', project_id, project_id || ':' || strftime(month, '%Y-%m'),
        null, null, month, contract_cancellation_amount,
        contract_cancellation_units || ' cancelled / ' || contract_units || ' signed'
    from monthly
    where cancellation_rate > {{ var('sales_cancel_rate_alert', 0.1) }}
)

select
    anomalies.*,
    (select as_of_date from {{ ref('int_as_of_date') }}) as as_of_date
from anomalies
