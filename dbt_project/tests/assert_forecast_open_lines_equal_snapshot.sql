{#- The forecast's open lines at F are read off the FIFO step functions; they must be, line
    for line and to the fen, the open lines of the FIFO snapshot rule (macro
    receivables_line_snapshot) taken at F. Checked at the earliest forecast date, by the
    snapshot rule run here, and at D, against fct_receivable_lines: the rows that table
    kept from the published build and the ones it worked out again, all of them. Not at
    all 13 dates: the snapshot re-runs the FIFO sort. -#}
with first_date as (
    select min(forecast_as_of) as as_of_date from {{ ref('int_forecast_origins') }}
),

checked_dates as (
    select as_of_date from first_date
    union
    select as_of_date from {{ ref('int_as_of_date') }}
),

snapshot as (
    select as_of_date as forecast_as_of, schedule_id, deal_id, payer, outstanding_amount, days_past_due
    from ({{ receivables_line_snapshot("select as_of_date from first_date") }})
    where outstanding_amount > 0
    union all
    select as_of_date, schedule_id, deal_id, payer, outstanding_amount, days_past_due
    from {{ ref('fct_receivable_lines') }}
    where outstanding_amount > 0
        and as_of_date not in (select as_of_date from first_date)
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
