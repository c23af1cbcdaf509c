{#- Receipts the open lines cannot explain: money from deals and lines that do not exist yet
    at F (new reservations, subscriptions and the contracts signed from them, their
    down payments and loans), and refunds. Learnt from the trailing
    new_business_window_weeks of receipts before F, per project and payer.

    A receipt's lag L = its date - the date of the key it was paid under (reservation date,
    subscription date, sign date); a refund (negative amount) or a receipt before its key's
    date or under no known key counts as L = -1. A receipt that came L days after its key
    started would, relative to a forecast date, have come from a line not yet existing at
    F if it fell more than L days after F. So the expected new-business receipts on day j
    after F are (1 / window days) x the trailing receipts with L < j, and a week covering
    days a..b gets each trailing receipt x #{j in a..b : j > L} / window days.
    Per trailing week k, the same sum over that week's receipts x 7 / 7 gives one sample of
    a week's new business; their variance (over the window's weeks, empty weeks as 0) is the
    new-business part of the P10–P90 band. -#}
{{ forecast_incremental_config() }}
with window_weeks as (
    select cast({{ forecast_setting('new_business_window_weeks') }} as integer) as weeks
),

-- the days of each F's trailing window, with their trailing week (1 = the week ending on F,
-- 2 the one before ...): receipts find their windows by an equality join on the date.
-- (As a range join of 5 M receipts to the 13 dates, DuckDB made every receipt before each
-- F first: 55 M rows at 1x large, then filtered them.)
origin_days as (
    select
        forecast_as_of,
        cast(forecast_as_of - cast(days_before as integer) as date) as receipt_date,
        days_before // 7 + 1 as trailing_week
    from (
        select origins.forecast_as_of, unnest(range(0, 7 * window_weeks.weeks)) as days_before
        from {{ ref('int_forecast_origins') }} as origins
        cross join window_weeks
        {{ forecast_where_built('origins.forecast_as_of') }}
    )
),

-- materialized: each receipt finds its key date once, before it is copied into up to 13 windows
receipts as materialized (
    select
        keyed.receipt_id,
        keyed.project_id,
        keyed.payer,
        keyed.receipt_date,
        keyed.receipt_amount,
        case
            when raw.contract_id is not null then contracts.sign_date
            when raw.subscription_id is not null then subscriptions.subscription_date
            when raw.reservation_id is not null then reservations.reservation_date
        end as key_date
    from {{ ref('int_receipts_keyed') }} as keyed
    inner join {{ ref('stg_finance__receipts') }} as raw on keyed.receipt_id = raw.receipt_id
    left join {{ ref('stg_erp__contracts') }} as contracts on raw.contract_id = contracts.contract_id
    left join {{ ref('stg_erp__subscriptions') }} as subscriptions
        on raw.subscription_id = subscriptions.subscription_id
    left join {{ ref('stg_erp__reservations') }} as reservations
        on raw.reservation_id = reservations.reservation_id
    where keyed.project_id is not null
),

trailing_receipts as (
    select
        origin_days.forecast_as_of,
        receipts.project_id,
        receipts.payer,
        receipts.receipt_amount,
        cast(origin_days.trailing_week as integer) as trailing_week,
        case
            when receipts.receipt_amount < 0 or receipts.key_date is null
                or receipts.key_date > receipts.receipt_date then -1
            else cast(receipts.receipt_date - receipts.key_date as integer)
        end as lag_days
    -- a key dated after F is also after the receipt (lag -1), so no later date is read
    from receipts
    inner join origin_days on receipts.receipt_date = origin_days.receipt_date
),

weeks as (
    select * from {{ ref('int_forecast_weeks') }}
),

-- receipts alike in key, trailing week and lag add up first: the sample below is linear in
-- the amount, so this changes no fen and leaves far fewer rows to spread over 13 weeks
trailing_grouped as (
    select forecast_as_of, project_id, payer, trailing_week, lag_days,
        sum(receipt_amount) as receipt_amount
    from trailing_receipts
    group by all
),

-- one sample per trailing week, project, payer and forecast week (empty weeks too)
grid as (
    select
        keys.forecast_as_of,
        keys.project_id,
        keys.payer,
        k.trailing_week,
        weeks.horizon_week,
        weeks.first_offset_days,
        weeks.last_offset_days
    from (select distinct forecast_as_of, project_id, payer from trailing_grouped) as keys
    cross join (select unnest(range(1, weeks + 1)) as trailing_week from window_weeks) as k
    inner join weeks on keys.forecast_as_of = weeks.forecast_as_of
),

samples as (
    select
        grid.forecast_as_of,
        grid.project_id,
        grid.payer,
        grid.horizon_week,
        grid.trailing_week,
        -- receipts x days counted: 7 times the sample, an exact decimal (order-free sums)
        cast(coalesce(sum(
            trailing_grouped.receipt_amount
            * greatest(grid.last_offset_days - greatest(grid.first_offset_days, trailing_grouped.lag_days + 1) + 1, 0)
        ), 0) as decimal(38, 2)) as week_amount_x7
    from grid
    left join trailing_grouped
        on grid.forecast_as_of = trailing_grouped.forecast_as_of
        and grid.project_id = trailing_grouped.project_id
        and grid.payer = trailing_grouped.payer
        and grid.trailing_week = trailing_grouped.trailing_week
    group by all
)

-- mean and sample variance of the weekly samples (x7 undone), in exact decimals
select
    forecast_as_of,
    project_id,
    payer,
    horizon_week,
    cast(sum(week_amount_x7) / (7 * count(*)) as decimal(18, 2)) as new_business_amount,
    cast(
        case when count(*) > 1
            then (sum(week_amount_x7 * week_amount_x7) - sum(week_amount_x7) * sum(week_amount_x7) / count(*))
                / (count(*) - 1) / 49
            else 0
        end as decimal(38, 4)
    ) as variance_amount2
from samples
group by forecast_as_of, project_id, payer, horizon_week
