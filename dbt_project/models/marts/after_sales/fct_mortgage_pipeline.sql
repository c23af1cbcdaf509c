{#- 按揭/公积金进度 at D: one row per contract live at D and loan service (mortgage 按揭,
    provident_fund 公积金; a combined 组合贷 contract has both rows), with the date of each
    milestone, the days spent per stage, rejection, and the bank's loan lines from
    fct_receivable_lines: outstanding, overdue (days past due >= 1) and the days the oldest
    overdue loan line is late (银行逾期未放款). The loan-line figures are the contract's and are
    put on its primary loan row only (mortgage for a combined contract), so they add up. -#}
with pipeline as (
    select * from {{ ref('fct_service_pipeline') }}
    where service in ('mortgage', 'provident_fund')
),

loan_lines as (
    select
        contract_id,
        min(due_date) as loan_due_date,
        sum(outstanding_amount) as loan_outstanding_amount,
        coalesce(sum(outstanding_amount) filter (where days_past_due >= 1), 0)
            as loan_overdue_amount,
        max(days_past_due) filter (where days_past_due >= 1 and outstanding_amount > 0)
            as loan_days_overdue
    from {{ ref('fct_receivable_lines') }}
    where payer = 'bank' and contract_id is not null
    group by contract_id
)

select
    pipeline.contract_id,
    pipeline.service,
    pipeline.project_id,
    pipeline.unit_id,
    pipeline.customer_id,
    pipeline.consultant_id,
    pipeline.payment_method,
    pipeline.bank,
    pipeline.loan_amount,
    pipeline.service = case when pipeline.payment_method = 'provident_fund'
        then 'provident_fund' else 'mortgage' end as is_primary_loan_service,
    pipeline.current_milestone,
    pipeline.current_milestone_date,
    pipeline.days_in_current_stage,
    pipeline.sign_date,
    pipeline.docs_complete_date,
    pipeline.bank_interview_date,
    pipeline.approved_date,
    pipeline.rejected_date,
    pipeline.registered_date,
    pipeline.disbursed_date,
    pipeline.docs_complete_date - pipeline.sign_date as days_sign_to_docs,
    pipeline.bank_interview_date - pipeline.docs_complete_date as days_docs_to_interview,
    coalesce(pipeline.approved_date, pipeline.rejected_date) - pipeline.bank_interview_date
        as days_interview_to_decision,
    pipeline.registered_date - pipeline.approved_date as days_approved_to_registered,
    pipeline.disbursed_date - pipeline.registered_date as days_registered_to_disbursed,
    pipeline.disbursed_date - pipeline.sign_date as days_sign_to_disbursed,
    pipeline.is_rejected,
    pipeline.is_finished as is_disbursed,
    case when is_primary_loan_service then loan_lines.loan_due_date end as loan_due_date,
    case when is_primary_loan_service
        then coalesce(loan_lines.loan_outstanding_amount, 0) end as loan_outstanding_amount,
    case when is_primary_loan_service
        then coalesce(loan_lines.loan_overdue_amount, 0) end as loan_overdue_amount,
    case when is_primary_loan_service then loan_lines.loan_days_overdue end
        as loan_days_overdue,
    is_primary_loan_service and coalesce(loan_lines.loan_overdue_amount, 0) > 0
        as is_disbursement_overdue,
    pipeline.as_of_date
from pipeline
left join loan_lines on pipeline.contract_id = loan_lines.contract_id
