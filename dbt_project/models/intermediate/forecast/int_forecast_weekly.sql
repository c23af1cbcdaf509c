{#- The forecast per forecast date F, week, project and payer: the open lines' expected
    receipts (their rounded amounts added up) plus the new business, and the P10–P90 band
    as a normal approximation: expected -/+ z x sqrt(line variance + new-business variance),
    P10 floored at zero, or at the
    expected amount when refunds make that negative (z = band_z, 1.2816). One row for every week, payer and project with
    an open line or trailing receipts at F. -#}
{{ forecast_incremental_config() }}
with weeks as (
    select * from {{ ref('int_forecast_weeks') }}
    {{ forecast_where_built() }}
),

lines as (
    select
        forecast_as_of,
        horizon_week,
        project_id,
        payer,
        sum(expected_amount) as line_expected_amount,
        sum(variance_amount2) as line_variance_amount2,
        count(*) filter (where expected_amount > 0) as line_count
    -- the view's SQL, for the origins built alone (see forecast_line_weeks)
    from ({{ forecast_line_weeks(origins=forecast_origins_to_build() if is_incremental() else none) }}) as line_weeks
    group by all
),

new_business as (
    select * from {{ ref('int_forecast_new_business') }}
    {{ forecast_where_built() }}
),

keys as (
    select distinct forecast_as_of, project_id from lines
    union
    select distinct forecast_as_of, project_id from new_business
),

grid as (
    select keys.forecast_as_of, keys.project_id, payers.payer, weeks.horizon_week,
        weeks.week_start, weeks.week_end
    from keys
    cross join (values ('customer'), ('bank')) as payers(payer)
    inner join weeks on keys.forecast_as_of = weeks.forecast_as_of
),

combined as (
    select
        grid.*,
        coalesce(lines.line_expected_amount, 0) as line_expected_amount,
        coalesce(new_business.new_business_amount, 0) as new_business_amount,
        coalesce(lines.line_variance_amount2, 0) + coalesce(new_business.variance_amount2, 0)
            as variance_amount2,
        coalesce(lines.line_count, 0) as line_count
    from grid
    left join lines
        on grid.forecast_as_of = lines.forecast_as_of and grid.project_id = lines.project_id
        and grid.payer = lines.payer and grid.horizon_week = lines.horizon_week
    left join new_business
        on grid.forecast_as_of = new_business.forecast_as_of and grid.project_id = new_business.project_id
        and grid.payer = new_business.payer and grid.horizon_week = new_business.horizon_week
)

select
    forecast_as_of,
    horizon_week,
    week_start,
    week_end,
    project_id,
    payer,
    cast(line_expected_amount + new_business_amount as decimal(18, 2)) as expected_amount,
    cast(greatest(
        cast(line_expected_amount + new_business_amount as double)
            - {{ forecast_setting('band_z', 'double') }} * sqrt(cast(variance_amount2 as double)),
        least(cast(line_expected_amount + new_business_amount as double), 0)
    ) as decimal(18, 2)) as p10_amount,
    cast(
        cast(line_expected_amount + new_business_amount as double)
            + {{ forecast_setting('band_z', 'double') }} * sqrt(cast(variance_amount2 as double))
        as decimal(18, 2)
    ) as p90_amount,
    cast(line_expected_amount as decimal(18, 2)) as line_expected_amount,
    cast(new_business_amount as decimal(18, 2)) as new_business_amount,
    cast(sqrt(cast(variance_amount2 as double)) as decimal(18, 2)) as std_dev_amount,
    line_count,
    variance_amount2
from combined
