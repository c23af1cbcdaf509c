{#- fct_service_milestones without the cut at D: every after-sales milestone, whatever its
    date, with its contract's project, customer, payment method and sign date, and the days
    spent in the stage it closes. Read from no input cut at D (the milestones' all-dates
    table, the deals), so a day of new receipts keeps this table as published; the view
    fct_service_milestones keeps the milestones on or before D and marks the current one
    (at 1x large, 3.6 s of the rebuild after a day of receipts, for 8 M milestones). -#}
with events as (
    select * from {{ ref('int_service_events_sequenced_all_dates') }}
),

contracts as (
    select contract_id, project_id, customer_id, sign_date, payment_method
    from {{ ref('int_deals_joined') }}
    where contract_id is not null
)

select
    events.contract_id,
    events.service,
    events.milestone,
    events.milestone_order,
    contracts.project_id,
    contracts.customer_id,
    contracts.payment_method,
    events.bank,
    contracts.sign_date,
    events.event_date,
    events.previous_milestone,
    coalesce(events.previous_event_date, contracts.sign_date) as stage_start_date,
    events.event_date - coalesce(events.previous_event_date, contracts.sign_date) as days_in_stage,
    events.next_event_date,
    events.note
from events
left join contracts on events.contract_id = contracts.contract_id
