{#- 日期: one row per calendar day from 1 January of the earliest year in the sales data to
    31 December of the year after D (so forecasts and due dates have a calendar). -#}
with bounds as (
    select
        least(
            (select min(first_contact_date) from {{ ref('stg_erp__customers') }}),
            (select min(subscription_date) from {{ ref('stg_erp__subscriptions') }}),
            (select min(sign_date) from {{ ref('stg_erp__contracts') }}),
            (select min(due_date) from {{ ref('stg_erp__payment_schedule_lines') }}),
            (select min(receipt_date) from {{ ref('stg_finance__receipts') }}),
            (select as_of_date from {{ ref('int_as_of_date') }})
        ) as first_date,
        greatest(
            (select max(due_date) from {{ ref('stg_erp__payment_schedule_lines') }}),
            (select as_of_date from {{ ref('int_as_of_date') }}) + interval 1 year
        ) as last_date
),

days as (
    select cast(unnest(generate_series(
        cast(date_trunc('year', first_date) as date),
        cast(date_trunc('year', last_date) + interval 1 year - interval 1 day as date),
        interval 1 day
    )) as date) as date_day
    from bounds
)

select
    date_day,
    cast(year(date_day) as integer) as year,
    cast(quarter(date_day) as integer) as quarter,
    cast(month(date_day) as integer) as month,
    cast(day(date_day) as integer) as day_of_month,
    cast(isodow(date_day) as integer) as iso_day_of_week,
    isodow(date_day) >= 6 as is_weekend,
    cast(date_trunc('week', date_day) as date) as week_start,
    cast(date_trunc('month', date_day) as date) as month_start,
    cast(last_day(date_day) as date) as month_end,
    cast(date_trunc('quarter', date_day) as date) as quarter_start,
    cast(date_trunc('year', date_day) as date) as year_start,
    strftime(date_day, '%Y-%m') as year_month,
    cast(year(date_day) as varchar) || '-Q' || cast(quarter(date_day) as varchar) as year_quarter,
    date_day = last_day(date_day) as is_month_end,
    date_day <= (select as_of_date from {{ ref('int_as_of_date') }}) as is_on_or_before_as_of
from days
