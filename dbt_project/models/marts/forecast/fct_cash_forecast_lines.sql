{#- The lines behind each week of fct_cash_forecast (drill-down): every line open at D with
    an expected receipt of at least one fen in a week, and how it was forecast: the curve
    and keys of each way it may be paid (int_forecast_line_states; a combined loan has one
    per pending service), its loan milestone and bank. -#}
with build_origin as (
    select forecast_as_of from {{ ref('int_forecast_origins') }} where is_build_origin
),

basis as (
    select
        states.forecast_as_of,
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
    inner join build_origin on states.forecast_as_of = build_origin.forecast_as_of
    group by states.forecast_as_of, states.schedule_id
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
    cast(lines.days_past_due as integer) as days_past_due,
    coalesce(grades.credit_grade, 'ungraded') as credit_grade,
    basis.loan_milestone,
    basis.bank,
    basis.forecast_basis,
    weeks.payment_probability,
    weeks.expected_amount
-- int_forecast_line_weeks for D alone
from ({{ forecast_line_weeks(build_origin_only=true) }}) as weeks
inner join {{ ref('int_forecast_weeks') }} as calendar
    on weeks.forecast_as_of = calendar.forecast_as_of and weeks.horizon_week = calendar.horizon_week
inner join {{ ref('int_forecast_open_lines') }} as lines
    on weeks.forecast_as_of = lines.forecast_as_of and weeks.schedule_id = lines.schedule_id
inner join basis
    on weeks.forecast_as_of = basis.forecast_as_of and weeks.schedule_id = basis.schedule_id
left join {{ ref('int_forecast_customer_grades') }} as grades
    on lines.forecast_as_of = grades.forecast_as_of and lines.customer_id = grades.customer_id
where weeks.expected_amount > 0
