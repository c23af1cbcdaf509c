{#- The months of the receivables history: from the first contract month (the first deal
    month if there is no contract yet) to the month of the as-of date D. The month of D is
    listed with is_complete_month = false unless D is its last day; month-end snapshots use
    complete months only. The `history_months` var (N) lists the N months before the month
    of D instead, whatever the data holds: how the benchmark times a 12- against a 72-month
    history on the same data. -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

first_month as (
    {%- if var('history_months', '') | string | length %}
    select cast(date_trunc('month', as_of_date) - interval ({{ var('history_months') | int }}) month as date)
        as month_start
    from as_of
    {%- else %}
    select cast(date_trunc('month', coalesce(
        (select min(sign_date) from {{ ref('int_deals_joined') }}, as_of where sign_date <= as_of.as_of_date),
        (select min(deal_start_date) from {{ ref('int_deals_joined') }}, as_of where deal_start_date <= as_of.as_of_date),
        (select as_of_date from as_of)
    )) as date) as month_start
    {%- endif %}
),

months as (
    select cast(unnest(generate_series(
        first_month.month_start,
        cast(date_trunc('month', as_of.as_of_date) as date),
        interval 1 month
    )) as date) as month_start
    from first_month cross join as_of
)

select
    months.month_start,
    last_day(months.month_start) as month_end,
    cast(months.month_start - interval 1 day as date) as previous_month_end,
    cast(last_day(months.month_start) - months.month_start + 1 as integer) as days_in_month,
    least(last_day(months.month_start), as_of.as_of_date) as period_end_date,
    last_day(months.month_start) <= as_of.as_of_date as is_complete_month
from months cross join as_of
