{#- 回款结清 at D without what D alone sets (fct_line_settlements adds whether the deal is
    still live, and D): the date each positive line was fully paid under FIFO and its days
    late, for every positive line of a deal that ever was live by D (cancelled deals
    included, with the lines that existed while they were live). A line is settled on the
    first date on which its deal-and-payer's running net receipts reach C_i. Running
    receipts can fall (refunds), so the first crossing is found on the running maximum,
    whose new highs are strictly increasing: an ASOF join picks the first high >= C_i.

    Incremental by deal (macros/settlements_incremental.sql): a day of new receipts works
    out again the deals whose receipt events changed or whose cut at D moved. -#}
-- depends_on: {{ ref('int_receipt_events_changed') }}
-- depends_on: {{ ref('int_receipt_events_accumulated_all_dates') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ prune_on_as_of_move(line_settlements_not_kept) }}",
) }}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

lines as (
    select lines.*
    from {{ ref('int_schedule_lines_keyed') }} as lines
    cross join as_of
    where lines.amount_due > 0
        and lines.line_start_date <= as_of.as_of_date
        and lines.deal_start_date <= as_of.as_of_date
        and (lines.deal_end_date is null
            or (lines.deal_end_date > lines.deal_start_date and lines.line_start_date < lines.deal_end_date))
        {{ where_not_kept('lines.deal_id', 'deal_id') }}
),

fifo as (
    select
        *,
        sum(amount_due) over (
            partition by deal_id, payer order by due_date, schedule_id
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
    {%- if is_incremental() %}
    where deal_id in (select deal_id from lines)
    {%- endif %}
),

new_highs as (
    select deal_id, payer, event_date, running_receipts_amount
    from events
    where previous_high_amount is null or running_receipts_amount > previous_high_amount
),

settled as (
    select
        fifo.*,
        new_highs.event_date as settled_date
    from fifo
    asof left join new_highs
        on fifo.deal_id = new_highs.deal_id
        and fifo.payer = new_highs.payer
        and fifo.cumulative_due_amount <= new_highs.running_receipts_amount
)

select
    settled.schedule_id,
    settled.deal_id,
    settled.contract_id,
    settled.subscription_id,
    settled.project_id,
    settled.customer_id,
    settled.payer,
    settled.item,
    settled.due_date,
    settled.amount_due,
    cast(settled.cumulative_due_amount as decimal(18, 2)) as cumulative_due_amount,
    settled.settled_date,
    -- greatest() skips nulls in DuckDB: an unsettled line must stay null, not 0
    case when settled.settled_date is not null
        then cast(greatest(settled.settled_date - settled.due_date, 0) as integer)
    end as days_late,
    settled.deal_end_date
from settled
