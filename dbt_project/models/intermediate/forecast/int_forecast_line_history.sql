{#- The customers' payment history as it stood at each forecast date F: every positive
    customer line that existed at F on a deal that was live at some time by F (cancelled
    deals included, with the lines they had), whether FIFO had settled it by F and when.
    delay_days = settled_date - due_date for a settled line (negative = paid early), else
    F - due_date, the delay it is known to exceed (a censored observation). Settlement is
    the rule of fct_line_settlements with C_i over the lines existing at F and receipts
    dated on or before F. Lines due more than learning_window_days before F are left out.

    Which lines exist changes only on the dates lines come into being (a line exists from
    the later of its start and its deal's start), so C_i is worked out once per such regime
    of a deal, not once per F: a deal's lines are sorted once or twice, not 13 times. The
    first date receipts reached C_i does not depend on F either; F only caps it.

    A day of new receipts carries D's rows forward (forecast_carry_forward): a deal with
    nothing dated between the published D and the new one (no receipt event, no line or
    deal start, no end) and whose events did not change has the same lines at both dates,
    settled on the same dates; an unsettled line's delay grows by the days D moved. Only the
    other deals are worked out at the new D (at 1x large, 4.0 s for every deal). -#}
{{ forecast_incremental_config(carry_forward=true,
    batched={'rows_of': 'int_schedule_lines_keyed', 'rows_per_gb': 2000000}) }}
-- depends_on: {{ ref('int_receipt_events_changed') }}
-- depends_on: {{ ref('int_receipt_events_accumulated_all_dates') }}
{%- set carry = forecast_carry_forward() %}
with origins as (
    select forecast_as_of
    from {{ ref('int_forecast_origins') }}
    {{ forecast_where_built() }}
),
{%- if carry is not none %}

-- the deals worked out at the new D; every other deal's rows are carried forward
changed_deals as (
    {{ forecast_deals_changed_between(carry) }}
),
{%- endif %}

-- the columns read below, named: the CTE is read twice, and DuckDB keeps every column of a
-- CTE it materialises (8.5 GB of schedule lines at 4x large instead of the few read). The
-- customer's lines and receipts only, so a deal alone keys the regimes, sums and joins below.
lines as (
    select
        deal_id,
        schedule_id,
        customer_id,
        item,
        due_date,
        amount_due,
        deal_end_date,
        greatest(line_start_date, deal_start_date) as exists_from
    from {{ ref('int_schedule_lines_keyed') }}
    where amount_due > 0
        and payer = 'customer'
        and greatest(line_start_date, deal_start_date) <= (select max(forecast_as_of) from origins)
        and (deal_end_date is null
            or (deal_end_date > deal_start_date and line_start_date < deal_end_date))
        and {{ batch_filter('deal_id') }}
        {%- if carry is not none %}
        and deal_id in (select deal_id from changed_deals)
        {%- endif %}
),

regimes as (
    select
        deal_id,
        regime_start_date,
        lead(regime_start_date) over (partition by deal_id order by regime_start_date)
            as regime_end_date
    from (select distinct deal_id, exists_from as regime_start_date from lines)
),

-- the regimes some F falls in (a regime no F falls in is never sorted): the first F on or
-- after the regime's start comes before its end
covered_regimes as (
    select regimes.*
    from regimes
    asof inner join origins on regimes.regime_start_date <= origins.forecast_as_of
    where regimes.regime_end_date is null or origins.forecast_as_of < regimes.regime_end_date
),

versions as (
    select
        lines.*,
        regimes.regime_start_date,
        regimes.regime_end_date,
        cast(sum(lines.amount_due) over (
            partition by lines.deal_id, regimes.regime_start_date
            order by lines.due_date, lines.schedule_id
            rows between unbounded preceding and current row
        ) as decimal(18, 2)) as cumulative_due_amount
    from lines
    inner join covered_regimes as regimes
        on lines.deal_id = regimes.deal_id
        and lines.exists_from <= regimes.regime_start_date
),

events as (
    select
        *,
        max(running_receipts_amount) over (
            partition by deal_id order by event_date
            rows between unbounded preceding and 1 preceding
        ) as previous_high_amount
    from {{ ref('int_receipt_events_accumulated') }}
    where payer = 'customer'
        and {{ batch_filter('deal_id') }}
        {%- if carry is not none %}
        and deal_id in (select deal_id from changed_deals)
        {%- endif %}
),

-- the running maximum's new highs rise strictly, so the first one >= C_i is the first date
-- receipts reached C_i; a prefix of the series, the same whatever comes after F
new_highs as (
    select deal_id, event_date, running_receipts_amount
    from events
    where previous_high_amount is null or running_receipts_amount > previous_high_amount
),

reached as (
    select versions.*, new_highs.event_date as reached_date
    from versions
    asof left join new_highs
        on versions.deal_id = new_highs.deal_id
        and versions.cumulative_due_amount <= new_highs.running_receipts_amount
),

-- each line at every F of its regime, [start, end), within the learning window at F: the 13
-- origins as one list, filtered per line (a range join on them sorted the 13 M lines at 4x)
origin_list as (
    select
        list(forecast_as_of order by forecast_as_of) as origin_dates,
        -- the window a column once, not the setting's subquery per line: DuckDB allows no
        -- subquery in a lambda (and in a filter over 35 M rows at 1x large it had planned a
        -- nested-loop join, 19 s of 50)
        any_value({{ forecast_setting('learning_window_days') }}) as learning_window_days
    from origins
),

expanded as (
    select
        reached.*,
        unnest({{ forecast_dates_in_period(
            'origin_list.origin_dates', 'reached.regime_start_date', 'reached.regime_end_date',
            also='reached.due_date > f - origin_list.learning_window_days') }}) as forecast_as_of
    from reached
    cross join origin_list
),

settled as (
    select
        *,
        case when reached_date <= forecast_as_of then reached_date end as settled_date
    from expanded
)

-- 13 origins x every line: kept to what the grades and curves read (and the line's id), as
-- each further text column costs seconds to write at 1x large
select
    forecast_as_of,
    schedule_id,
    customer_id,
    item,
    due_date,
    amount_due,
    settled_date,
    settled_date is not null as is_settled,
    cast(coalesce(settled_date, forecast_as_of) - due_date as integer) as delay_days,
    {{ deal_not_ended_at('forecast_as_of') }} as is_deal_live
from settled
{%- if carry is not none %}
union all
select * replace (
    date '{{ carry.target }}' as forecast_as_of,
    case when is_settled then delay_days
        else cast(delay_days + (date '{{ carry.target }}' - date '{{ carry.source }}') as integer)
    end as delay_days
)
from {{ this }}
where forecast_as_of = date '{{ carry.source }}'
    and due_date > date '{{ carry.target }}' - {{ forecast_setting('learning_window_days') }}
    and schedule_id not in (
        select schedule_id from {{ ref('int_schedule_lines_keyed') }}
        where deal_id in (select deal_id from changed_deals)
    )
{%- endif %}
