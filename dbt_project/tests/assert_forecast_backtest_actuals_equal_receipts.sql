{#- The backtest's actuals are the cash collected: per forecast date and method, the
    actual_amount of its weeks equals every receipt with a project dated in those weeks'
    days after the forecast date. -#}
with backtest as (
    select forecast_as_of, method, sum(actual_amount) as actual_amount,
        min(week_start) as first_week_start, max(week_end) as last_day
    from {{ ref('fct_forecast_backtest') }}
    group by all
),

receipts as (
    select backtest.forecast_as_of, backtest.method, coalesce(sum(r.receipt_amount), 0) as amount
    from backtest
    left join {{ ref('int_receipts_keyed') }} as r
        on r.receipt_date > backtest.forecast_as_of and r.receipt_date <= backtest.last_day
        and r.project_id is not null
    group by all
)

select *
from backtest
inner join receipts using (forecast_as_of, method)
where backtest.actual_amount <> receipts.amount
