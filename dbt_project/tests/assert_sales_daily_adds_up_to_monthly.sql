{{ config(meta={'dagster': {'ref': {'name': 'fct_sales_monthly'}}}) }}
{#- The daily and monthly sales overviews count the same events: per project, the days of a
    month add up to the month (contracts, amounts, calls, cancellations). -#}
with daily as (
    select project_id, cast(date_trunc('month', sales_date) as date) as month,
        sum(contract_units) as contract_units, sum(contract_amount) as contract_amount,
        sum(calls) as calls, sum(contract_cancellation_amount) as contract_cancellation_amount
    from {{ ref('fct_sales_daily') }}
    group by all
)

select daily.*
from daily
left join {{ ref('fct_sales_monthly') }} as monthly
    on daily.project_id is not distinct from monthly.project_id and daily.month = monthly.month
where monthly.month is null
    or daily.contract_units <> monthly.contract_units
    or daily.contract_amount <> monthly.contract_amount
    or daily.calls <> monthly.calls
    or daily.contract_cancellation_amount <> monthly.contract_cancellation_amount
