{#- The lines behind each week of fct_cash_forecast (drill-down): every line open at D with
    an expected receipt of at least one fen in a week, and how it was forecast: the curve
    and keys of each way it may be paid (int_forecast_line_states; a combined loan has one
    per pending service), its loan milestone and bank. -#}
with build_origin as (
    select forecast_as_of from {{ ref('int_forecast_origins') }} where is_build_origin
),

basis as (
    select
        states.schedule_id,
        string_agg(
            states.curve || ':' || states.key_1 || '/' || states.key_2 || '/' || states.key_3, ' + '
            order by states.loan_service
        ) as forecast_basis,
        -- ordered, so a combined loan reads the same in every build (it did not: any_value
        -- and an unordered string_agg changed 0.8 % of rows between two runs at 0.25x)
        arg_min(states.loan_milestone, coalesce(states.loan_service, '')) as loan_milestone,
        string_agg(distinct states.bank, ', ' order by states.bank) as bank
    from {{ ref('int_forecast_line_states') }} as states
    where states.forecast_as_of in (select forecast_as_of from build_origin)
    group by states.schedule_id
),

-- what is known of each line at D, put together once per line (~320 k at 1x large) before
-- it meets its weeks (~3.2 M rows): joined on the week rows, the grades' hash table over
-- every origin and the lines' over every origin took 4 of this model's 5 s
lines as (
    select
        lines.schedule_id,
        lines.deal_id,
        lines.contract_id,
        lines.customer_id,
        lines.item,
        lines.payer,
        lines.due_date,
        lines.outstanding_amount,
        cast(lines.days_past_due as integer) as days_past_due,
        coalesce(grades.credit_grade, 'ungraded') as credit_grade,
        basis.loan_milestone,
        basis.bank,
        basis.forecast_basis
    from {{ ref('int_forecast_open_lines') }} as lines
    inner join basis on lines.schedule_id = basis.schedule_id
    left join (
        select customer_id, credit_grade from {{ ref('int_forecast_customer_grades') }}
        where forecast_as_of in (select forecast_as_of from build_origin)
    ) as grades
        on lines.customer_id = grades.customer_id
    where lines.forecast_as_of in (select forecast_as_of from build_origin)
)

select
    weeks.forecast_as_of,
    weeks.horizon_week,
    calendar.week_start,
    weeks.project_id,
    weeks.payer,
    weeks.schedule_id,
    lines.deal_id,
    lines.contract_id,
    lines.customer_id,
    lines.item,
    lines.payer as line_payer,
    lines.due_date,
    lines.outstanding_amount,
    lines.days_past_due,
    lines.credit_grade,
    lines.loan_milestone,
    lines.bank,
    lines.forecast_basis,
    weeks.payment_probability,
    weeks.expected_amount
-- int_forecast_line_weeks for D alone
from ({{ forecast_line_weeks(build_origin_only=true) }}) as weeks
inner join {{ ref('int_forecast_weeks') }} as calendar
    on weeks.forecast_as_of = calendar.forecast_as_of and weeks.horizon_week = calendar.horizon_week
inner join lines on weeks.schedule_id = lines.schedule_id
where weeks.expected_amount > 0
