{#- The two naive forecasts the backtest compares with, per forecast date F, week and
    project (both payers):
    - due_date_baseline: every line open at F is paid, in full (its outstanding at F), on
      its due date; a line already overdue at F is not expected again (its due date passed).
    - trailing_13w_baseline: the cash collected in the 13 weeks up to F (every receipt,
      refunds negative) / 91 per day, times the week's days after F (7, or fewer in a
      partial week 1). -#}
{{ forecast_incremental_config() }}
with weeks as (
    select * from {{ ref('int_forecast_weeks') }}
    {{ forecast_where_built() }}
),

due as (
    select
        weeks.forecast_as_of,
        weeks.horizon_week,
        lines.project_id,
        sum(lines.outstanding_amount) as forecast_amount
    from weeks
    inner join {{ ref('int_forecast_open_lines') }} as lines
        on weeks.forecast_as_of = lines.forecast_as_of
        and lines.due_date between weeks.first_day and weeks.week_end
    group by all
),

trailing_receipts as (
    select
        origins.forecast_as_of,
        receipts.project_id,
        sum(receipts.receipt_amount) as trailing_amount
    from (select distinct forecast_as_of from weeks) as origins
    inner join {{ ref('int_receipts_keyed') }} as receipts
        on receipts.receipt_date <= origins.forecast_as_of
        and receipts.receipt_date > origins.forecast_as_of - 91
    where receipts.project_id is not null
    group by all
)

select
    due.forecast_as_of,
    due.horizon_week,
    due.project_id,
    'due_date_baseline' as method,
    cast(due.forecast_amount as decimal(18, 2)) as forecast_amount
from due
union all
select
    weeks.forecast_as_of,
    weeks.horizon_week,
    trailing_receipts.project_id,
    'trailing_13w_baseline',
    cast(trailing_receipts.trailing_amount * (weeks.last_offset_days - weeks.first_offset_days + 1) / 91 as decimal(18, 2))
from trailing_receipts
inner join weeks on trailing_receipts.forecast_as_of = weeks.forecast_as_of
