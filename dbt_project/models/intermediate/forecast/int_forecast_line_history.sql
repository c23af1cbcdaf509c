{#- The customers' payment history as it stood at each forecast date F: every positive
    customer line that existed at F on a deal that was live at some time by F (cancelled
    deals included, with the lines they had), whether FIFO had settled it by F and when.
    delay_days = settled_date - due_date for a settled line (negative = paid early), else
    F - due_date, the delay it is known to exceed (a censored observation). Settlement is
    the rule of fct_line_settlements with C_i over the lines existing at F and receipts
    dated on or before F. Lines due more than learning_window_days before F are left out. -#}
with origins as (
    select forecast_as_of from {{ ref('int_forecast_origins') }}
),

lines as (
    select origins.forecast_as_of, lines.*
    from {{ ref('int_schedule_lines_keyed') }} as lines
    cross join origins
    where lines.amount_due > 0
        and lines.payer = 'customer'
        and lines.line_start_date <= origins.forecast_as_of
        and lines.deal_start_date <= origins.forecast_as_of
        and (lines.deal_end_date is null
            or (lines.deal_end_date > lines.deal_start_date and lines.line_start_date < lines.deal_end_date))
),

fifo as (
    select
        *,
        sum(amount_due) over (
            partition by forecast_as_of, deal_id, payer order by due_date, schedule_id
            rows between unbounded preceding and current row
        ) as cumulative_due_amount
    from lines
),

events as (
    select
        *,
        max(running_receipts_amount) over (
            partition by deal_id, payer order by event_date
            rows between unbounded preceding and 1 preceding
        ) as previous_high_amount
    from {{ ref('int_receipt_events_accumulated') }}
    where payer = 'customer'
),

-- the running maximum's new highs rise strictly, so the first one >= C_i is the first date
-- receipts reached C_i; a prefix of the series, the same whatever comes after F
new_highs as (
    select deal_id, payer, event_date, running_receipts_amount
    from events
    where previous_high_amount is null or running_receipts_amount > previous_high_amount
),

settled as (
    select
        fifo.*,
        case when new_highs.event_date <= fifo.forecast_as_of then new_highs.event_date end
            as settled_date
    from fifo
    asof left join new_highs
        on fifo.deal_id = new_highs.deal_id
        and fifo.payer = new_highs.payer
        and fifo.cumulative_due_amount <= new_highs.running_receipts_amount
)

select
    forecast_as_of,
    schedule_id,
    deal_id,
    project_id,
    customer_id,
    item,
    due_date,
    amount_due,
    settled_date,
    settled_date is not null as is_settled,
    cast(coalesce(settled_date, forecast_as_of) - due_date as integer) as delay_days,
    deal_end_date is null or deal_end_date > forecast_as_of as is_deal_live
from settled
where due_date > forecast_as_of - {{ forecast_setting('learning_window_days') }}
