{#- 置业顾问月度: int_consultant_monthly (per consultant, project and month up to D's month,
    what the consultant received and did; D's month holds the state at D) with whether the
    month is D's, and D. A view, so that a day of new receipts, which moves D, works out
    D's month again instead of copying every month. -#}
{{ config(materialized='view') }}

select
    monthly.consultant_id,
    monthly.project_id,
    monthly.month,
    monthly.customers_received,
    monthly.calls,
    monthly.visits,
    monthly.first_visits,
    monthly.follow_ups,
    monthly.customers_contacted,
    monthly.prospects_at_month_end,
    monthly.neglected_customers_at_month_end,
    monthly.subscriptions,
    monthly.contracts,
    monthly.contract_amount,
    monthly.visit_to_subscription_ratio,
    monthly.median_days_to_sign,
    monthly.subscription_cancellations,
    monthly.contract_cancellations,
    monthly.collection_actions,
    monthly.deals_chased,
    monthly.overdue_cases_open,
    monthly.overdue_cases_chased,
    monthly.overdue_amount,
    monthly.month = cast(date_trunc('month', as_of.as_of_date) as date) as is_as_of_month,
    as_of.as_of_date
from {{ ref('int_consultant_monthly') }} as monthly
cross join {{ ref('int_as_of_date') }} as as_of
