{#- 售后进度 at D: int_service_pipeline_states (one row per contract live at D and after-sales
    service, its current milestone and the date of every milestone) with the days spent in
    the current stage and D. A view, so that a day of new receipts, which moves D, costs the
    contracts whose state changed instead of a copy of every row. -#}
{{ config(materialized='view') }}
{%- set as_of = as_of_date_literal() %}
{%- set milestones = ['submitted', 'docs_complete', 'bank_interview', 'approved', 'rejected',
                      'registered', 'disbursed', 'notified', 'completed', 'issued', 'collected'] %}

select
    contract_id,
    service,
    project_id,
    unit_id,
    customer_id,
    consultant_id,
    payment_method,
    loan_amount,
    sign_date,
    bank,
    current_milestone,
    current_milestone_date,
    {{ as_of }} - coalesce(current_milestone_date, sign_date) as days_in_current_stage,
    {%- for m in milestones %}
    {{ m }}_date,
    {%- endfor %}
    is_rejected,
    is_finished,
    {{ as_of }} as as_of_date
from {{ ref('int_service_pipeline_states') }}
