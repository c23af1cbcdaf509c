{#- 应收 KPIs per project and month end (complete months from the first contract month to D):
    total and not-yet-due receivable, countback DSO, best-possible DSO, ADD and CEI, as
    defined in metrics.md "Receivables KPIs". Month-end values are read off step functions
    (contract receivables, line outstanding segments) in one pass; countback walks back
    through the months with a join of each month end to the months before it. -#}
with month_ends as (
    select month_start, month_end, previous_month_end, days_in_month
    from {{ ref('int_months_listed') }}
    where is_complete_month
),

first_month_end as (
    select min(month_end) as month_end from month_ends
),

projects as (
    select distinct project_id from {{ ref('int_deals_joined') }}
),

-- total receivable: contract step functions to month-end deltas
total_ranges as (
    select project_id, segment_start_date as range_start_date, segment_end_date as range_end_date,
        receivable_amount as amount
    from {{ ref('int_contract_receivables_segmented') }}
),

-- not-yet-due receivable: outstanding on lines of signed live contracts while days past due <= 0
not_due_ranges as (
    select
        project_id,
        greatest(segment_start_date, sign_date) as range_start_date,
        least(segment_end_date, cast(due_date + 1 as date)) as range_end_date,
        outstanding_amount as amount
    from {{ ref('int_line_balances_segmented') }}
    where contract_id is not null and sign_date is not null
),

deltas as (
    select 'total' as measure, project_id, last_day(range_start_date) as month_end, amount as delta_amount
    from total_ranges where last_day(range_start_date) < last_day(range_end_date)
    union all
    select 'total', project_id, last_day(range_end_date), -amount
    from total_ranges where last_day(range_start_date) < last_day(range_end_date)
    union all
    select 'not_due', project_id, last_day(range_start_date), amount
    from not_due_ranges where range_start_date < range_end_date and last_day(range_start_date) < last_day(range_end_date)
    union all
    select 'not_due', project_id, last_day(range_end_date), -amount
    from not_due_ranges where range_start_date < range_end_date and last_day(range_start_date) < last_day(range_end_date)
),

deltas_by_month as (
    select
        deltas.project_id,
        greatest(deltas.month_end, first_month_end.month_end) as month_end,
        sum(deltas.delta_amount) filter (where deltas.measure = 'total') as total_delta_amount,
        sum(deltas.delta_amount) filter (where deltas.measure = 'not_due') as not_due_delta_amount
    from deltas
    cross join first_month_end
    group by all
),

contracted as (
    select
        deals.project_id,
        cast(date_trunc('month', deals.sign_date) as date) as month_start,
        sum(deals.contract_amount) as contracted_amount
    from {{ ref('int_deals_joined') }} as deals
    where deals.contract_id is not null and deals.sign_date <= {{ as_of_date() }}
    group by all
),

grid as (
    select
        month_ends.*,
        projects.project_id,
        coalesce(contracted.contracted_amount, 0) as contracted_amount
    from month_ends
    cross join projects
    left join contracted
        on projects.project_id is not distinct from contracted.project_id
        and month_ends.month_start = contracted.month_start
),

balances as (
    select
        grid.*,
        sum(coalesce(deltas_by_month.total_delta_amount, 0)) over w as total_receivable,
        sum(coalesce(deltas_by_month.not_due_delta_amount, 0)) over w as not_due_receivable,
        sum(grid.contracted_amount) over w as cumulative_contracted_amount
    from grid
    left join deltas_by_month
        on grid.project_id is not distinct from deltas_by_month.project_id
        and grid.month_end = deltas_by_month.month_end
    window w as (partition by grid.project_id order by grid.month_end rows between unbounded preceding and current row)
),

-- countback: month end m against each month j <= m; contracted in months j..m = incl,
-- in months after j up to m = before. Whole month j while R > incl; the fraction
-- (R - before) / S_j of the month where before < R <= incl.
countback as (
    select
        m.project_id,
        m.month_end,
        sum(case
            when m.total_receivable > m.cumulative_contracted_amount - j.cumulative_contracted_amount + j.contracted_amount
                then j.days_in_month
            when m.total_receivable > m.cumulative_contracted_amount - j.cumulative_contracted_amount
                then cast(m.total_receivable - (m.cumulative_contracted_amount - j.cumulative_contracted_amount) as double)
                    / cast(j.contracted_amount as double) * j.days_in_month
            else 0
        end) as dso_countback,
        sum(case
            when m.not_due_receivable > m.cumulative_contracted_amount - j.cumulative_contracted_amount + j.contracted_amount
                then j.days_in_month
            when m.not_due_receivable > m.cumulative_contracted_amount - j.cumulative_contracted_amount
                then cast(m.not_due_receivable - (m.cumulative_contracted_amount - j.cumulative_contracted_amount) as double)
                    / cast(j.contracted_amount as double) * j.days_in_month
            else 0
        end) as best_possible_dso
    from balances as m
    inner join balances as j
        on m.project_id is not distinct from j.project_id
        and j.month_end <= m.month_end
    group by m.project_id, m.month_end
),

with_opening as (
    select
        balances.*,
        coalesce(lag(balances.total_receivable) over (
            partition by balances.project_id order by balances.month_end
        ), 0) as opening_receivable
    from balances
)

select
    with_opening.month_end,
    with_opening.project_id,
    cast(with_opening.total_receivable as decimal(18, 2)) as total_receivable,
    cast(with_opening.not_due_receivable as decimal(18, 2)) as not_due_receivable,
    cast(countback.dso_countback as double) as dso_countback,
    cast(countback.best_possible_dso as double) as best_possible_dso,
    cast(countback.dso_countback - countback.best_possible_dso as double) as add_days,
    cast(with_opening.opening_receivable + with_opening.contracted_amount - with_opening.total_receivable as double)
        / nullif(cast(with_opening.opening_receivable + with_opening.contracted_amount - with_opening.not_due_receivable as double), 0)
        * 100 as cei,
    cast(with_opening.opening_receivable as decimal(18, 2)) as opening_receivable,
    cast(with_opening.contracted_amount as decimal(18, 2)) as contracted_amount
from with_opening
inner join countback
    on with_opening.project_id is not distinct from countback.project_id
    and with_opening.month_end = countback.month_end
