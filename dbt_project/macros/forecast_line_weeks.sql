{#- The SQL of int_forecast_line_weeks (see there), for every forecast date F; with
    build_origin_only, for the build's own date D alone (the drill-down mart wants D's
    lines, and reading the view would work out all 13 dates to keep one); with origins (a
    subquery of forecast_as_of), for those dates alone (the weekly totals of an incremental
    build: a filter on the view is not pushed below its joins). -#}
{% macro forecast_line_weeks(build_origin_only=false, origins=none) -%}
-- each state with what its line owes (joined here, on 1 row per state, rather than on the
-- 13 week rows per line further down)
with states as (
    select states.*, lines.project_id, lines.outstanding_amount
    from {{ ref('int_forecast_line_states') }} as states
    inner join {{ ref('int_forecast_open_lines') }} as lines
        on states.forecast_as_of = lines.forecast_as_of and states.schedule_id = lines.schedule_id
    {%- if build_origin_only %}
    where states.forecast_as_of in (
        select forecast_as_of from {{ ref('int_forecast_origins') }} where is_build_origin
    )
    {%- elif origins is not none %}
    where states.forecast_as_of in (select forecast_as_of from {{ origins }})
    {%- endif %}
),

-- lines with more than one state (a combined loan's pending services) add their chances up;
-- every other line takes its one state's chance as it is
multi_state_lines as (
    select forecast_as_of, schedule_id
    from states
    group by forecast_as_of, schedule_id
    having count(*) > 1
),

weeks as (
    select * from {{ ref('int_forecast_weeks') }}
),

-- the chances depend on a line only through its curve, key and position: worked out once
-- per distinct position (far fewer than lines), then shared by every line standing there
positions as (
    select distinct
        forecast_as_of, curve, curve_level, key_1, key_2, key_3, position_days, position_survival
    from states
),

points as (
    select
        positions.*,
        weeks.horizon_week,
        positions.position_days + weeks.last_offset_days as end_days
    from positions
    inner join weeks on positions.forecast_as_of = weeks.forecast_as_of
),

valued as (
    select
        points.*,
        coalesce(curves.survival, 1.0) as end_survival
    from points
    asof left join {{ ref('int_forecast_delay_curves') }} as curves
        on {{ forecast_curve_key_matches('points', 'curves') }}
        and points.end_days >= curves.delay_days
),

chances as (
    select
        forecast_as_of, curve, curve_level, key_1, key_2, key_3, position_days, horizon_week,
        case when position_survival > 1e-9
            then greatest(
                coalesce(
                    lag(end_survival) over (
                        partition by forecast_as_of, curve, curve_level, key_1, key_2, key_3, position_days
                        order by horizon_week
                    ),
                    position_survival
                ) - end_survival,
                0
            ) / position_survival
            else 0
        end as week_chance
    from valued
),

per_line as (
    select
        states.forecast_as_of,
        states.schedule_id,
        chances.horizon_week,
        states.project_id,
        states.outstanding_amount,
        states.forecast_payer,
        least(states.share * chances.week_chance, 1.0) as payment_probability
    from states
    inner join chances
        on {{ forecast_curve_key_matches('states', 'chances') }}
        and states.position_days = chances.position_days
    anti join multi_state_lines
        on states.forecast_as_of = multi_state_lines.forecast_as_of
        and states.schedule_id = multi_state_lines.schedule_id
    union all
    select
        states.forecast_as_of,
        states.schedule_id,
        chances.horizon_week,
        any_value(states.project_id),
        any_value(states.outstanding_amount),
        any_value(states.forecast_payer),
        least(sum(states.share * chances.week_chance), 1.0)
    from states
    semi join multi_state_lines
        on states.forecast_as_of = multi_state_lines.forecast_as_of
        and states.schedule_id = multi_state_lines.schedule_id
    inner join chances
        on {{ forecast_curve_key_matches('states', 'chances') }}
        and states.position_days = chances.position_days
    group by states.forecast_as_of, states.schedule_id, chances.horizon_week
)

-- narrow on purpose (13 origins x open lines x 13 weeks rows): what a line is and how it
-- was forecast (item, grade, curve keys) is joined on for the build's own date only, in
-- fct_cash_forecast_lines
select
    forecast_as_of,
    horizon_week,
    schedule_id,
    project_id,
    forecast_payer as payer,
    payment_probability,
    cast(outstanding_amount * payment_probability as decimal(18, 2)) as expected_amount,
    -- exact decimals from here on, so sums of it do not depend on the order rows are added
    cast(
        cast(outstanding_amount as double) * cast(outstanding_amount as double)
            * payment_probability * (1 - payment_probability)
        as decimal(38, 4)
    ) as variance_amount2
from per_line
{%- endmacro %}
