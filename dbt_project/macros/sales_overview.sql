{#- The measures of the sales overview (销售日报/月报), summed from int_sales_events_unioned
    per project and a period expression. Shared by fct_sales_daily and fct_sales_monthly so
    a day and its month add up by construction. -#}
{% macro sales_overview_columns() -%}
{{ return([
    'calls', 'first_calls', 'visits', 'first_visits',
    'reservations', 'reservation_fee_amount',
    'subscription_units', 'subscription_area_m2', 'subscription_amount',
    'contract_units', 'contract_area_m2', 'contract_amount',
    'subscription_cancellation_units', 'subscription_cancellation_amount',
    'contract_cancellation_units', 'contract_cancellation_area_m2', 'contract_cancellation_amount',
]) }}
{%- endmacro %}

{% macro sales_overview_measures(period_expression, period_name) -%}
select
    project_id,
    {{ period_expression }} as {{ period_name }},
    count(*) filter (where event_type = 'call') as calls,
    count(*) filter (where event_type = 'call' and is_first) as first_calls,
    count(*) filter (where event_type = 'visit') as visits,
    count(*) filter (where event_type = 'visit' and is_first) as first_visits,
    count(*) filter (where event_type = 'reservation') as reservations,
    coalesce(sum(amount) filter (where event_type = 'reservation'), 0) as reservation_fee_amount,
    count(*) filter (where event_type = 'subscription') as subscription_units,
    coalesce(sum(area_m2) filter (where event_type = 'subscription'), 0) as subscription_area_m2,
    coalesce(sum(amount) filter (where event_type = 'subscription'), 0) as subscription_amount,
    count(*) filter (where event_type = 'contract') as contract_units,
    coalesce(sum(area_m2) filter (where event_type = 'contract'), 0) as contract_area_m2,
    coalesce(sum(amount) filter (where event_type = 'contract'), 0) as contract_amount,
    count(*) filter (where event_type = 'subscription_cancellation')
        as subscription_cancellation_units,
    coalesce(sum(amount) filter (where event_type = 'subscription_cancellation'), 0)
        as subscription_cancellation_amount,
    count(*) filter (where event_type = 'contract_cancellation') as contract_cancellation_units,
    coalesce(sum(area_m2) filter (where event_type = 'contract_cancellation'), 0)
        as contract_cancellation_area_m2,
    coalesce(sum(amount) filter (where event_type = 'contract_cancellation'), 0)
        as contract_cancellation_amount
from {{ ref('int_sales_events_unioned') }}
group by all
{%- endmacro %}
