{#- Conversion of each subscription cohort (month of subscription_date) per project, at D:
    share signed, signing cycle median and 90th percentile, and what is still open. -#}
with subscriptions as (
    select * from {{ ref('fct_subscriptions') }}
)

select
    project_id,
    cohort_month,
    count(*) as subscriptions,
    count(*) filter (where status_at_as_of = 'signed') as signed,
    count(*) filter (where status_at_as_of = 'cancelled') as cancelled,
    count(*) filter (where status_at_as_of = 'live') as live_unsigned,
    count(*) filter (where is_overdue_unsigned) as overdue_unsigned,
    {{ sales_exact_div("count(*) filter (where status_at_as_of = 'signed')", "count(*)", 6) }}
        as conversion_rate,
    median(days_to_sign) as median_days_to_sign,
    quantile_cont(days_to_sign, 0.9) as p90_days_to_sign,
    sum(deal_price_amount) as deal_price_amount,
    sum(deal_price_amount) filter (where status_at_as_of = 'live') as live_unsigned_amount,
    sum(deal_price_amount) filter (where is_overdue_unsigned) as overdue_unsigned_amount,
    max(as_of_date) as as_of_date
from subscriptions
group by project_id, cohort_month
