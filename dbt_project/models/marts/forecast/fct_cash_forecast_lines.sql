{#- The lines behind each week of fct_cash_forecast (drill-down): every line open at D with
    an expected receipt of at least one fen in a week, and how it was forecast. -#}
select
    lines.forecast_as_of,
    lines.horizon_week,
    lines.week_start,
    lines.project_id,
    lines.payer,
    lines.schedule_id,
    lines.deal_id,
    lines.contract_id,
    lines.customer_id,
    lines.item,
    lines.line_payer,
    lines.due_date,
    lines.outstanding_amount,
    lines.days_past_due,
    lines.credit_grade,
    lines.loan_milestone,
    lines.bank,
    lines.forecast_basis,
    lines.payment_probability,
    lines.expected_amount
from {{ ref('int_forecast_line_weeks') }} as lines
inner join {{ ref('int_forecast_origins') }} as origins
    on lines.forecast_as_of = origins.forecast_as_of
where origins.is_build_origin and lines.expected_amount > 0
