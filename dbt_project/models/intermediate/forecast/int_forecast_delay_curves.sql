{#- Empirical payment curves (Kaplan–Meier), per forecast date F, curve and key: survival(x) =
    the weighted share still unpaid x days after the starting point (due date for customer
    lines, the milestone date for loans), learnt from int_forecast_delay_observations with
    censoring. At each distinct x: hazard = weight paid at x / weight still at risk at x
    (paid at x or later, or censored at x or later); survival = product of (1 - hazard) up
    to x. lines_beyond counts the observations known to wait longer than x (paid later or
    censored later), events_total the paid observations of the key: the forecast trusts a
    key only with enough of both. -#}
{{ forecast_incremental_config() }}
with observations as (
    select * from {{ ref('int_forecast_delay_observations') }}
    {{ forecast_where_built() }}
),

grouped as (
    select
        forecast_as_of,
        curve,
        curve_level,
        key_1,
        key_2,
        key_3,
        delay_days,
        coalesce(sum(weight) filter (where is_event), 0) as event_weight,
        sum(weight) as all_weight,
        sum(observation_count) as observation_count,
        coalesce(sum(observation_count) filter (where is_event), 0) as event_count
    from observations
    group by all
),

at_risk as (
    select
        *,
        sum(all_weight) over later as at_risk_weight,
        coalesce(sum(observation_count) over strictly_later, 0) as lines_beyond,
        sum(event_count) over key as events_total,
        sum(observation_count) over key as observations_total
    from grouped
    window
        key as (partition by forecast_as_of, curve, curve_level, key_1, key_2, key_3),
        later as (key order by delay_days desc rows between unbounded preceding and current row),
        strictly_later as (key order by delay_days desc rows between unbounded preceding and 1 preceding)
)

select
    forecast_as_of,
    curve,
    curve_level,
    key_1,
    key_2,
    key_3,
    delay_days,
    -- a product as exp(sum(ln)); a hazard of 1 (all at risk paid) gives survival 0
    -- (rounded to 12 places: the exp/ln round trip leaves noise in the last bits)
    round(case
        when bool_or(event_weight >= at_risk_weight) over cumulative then 0.0
        else exp(sum(ln(greatest(1 - event_weight / at_risk_weight, 1e-300))) over cumulative)
    end, 12) as survival,
    lines_beyond,
    events_total,
    observations_total
from at_risk
window cumulative as (
    partition by forecast_as_of, curve, curve_level, key_1, key_2, key_3
    order by delay_days rows between unbounded preceding and current row
)
