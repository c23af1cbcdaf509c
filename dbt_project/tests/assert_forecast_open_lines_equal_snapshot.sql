{#- The forecast's open lines at F are read off the FIFO step functions; they must be, line
    for line and to the fen, the open lines of the FIFO snapshot rule (macro
    receivables_line_snapshot) taken at F. Checked at the earliest and the latest forecast
    date: the snapshot re-runs the FIFO sort, so not at all 13. -#}
with checked_dates as (
    select min(forecast_as_of) as as_of_date from {{ ref('int_forecast_origins') }}
    union
    select max(forecast_as_of) from {{ ref('int_forecast_origins') }}
),

snapshot as (
    select as_of_date as forecast_as_of, schedule_id, deal_id, payer, outstanding_amount, days_past_due
    from ({{ receivables_line_snapshot("select as_of_date from checked_dates") }})
    where outstanding_amount > 0
),

open_lines as (
    select forecast_as_of, schedule_id, deal_id, payer, outstanding_amount, days_past_due
    from {{ ref('int_forecast_open_lines') }}
    where forecast_as_of in (select as_of_date from checked_dates)
),

missing as (
    select 'in the snapshot only' as problem, * from (select * from snapshot except all select * from open_lines)
),

extra as (
    select 'in the open lines only' as problem, * from (select * from open_lines except all select * from snapshot)
)

select * from missing
union all
select * from extra
