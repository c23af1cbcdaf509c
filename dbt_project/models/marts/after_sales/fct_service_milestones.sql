{#- 售后节点明细: one row per after-sales milestone reached on or before D (contract, service,
    milestone), with the days spent in the stage that it closes (since the previous milestone
    of the same contract and service, or since signing for the first one). -#}
with events as (
    select * from {{ ref('int_service_events_sequenced') }}
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
    events.is_current_milestone,
    events.note
from events
left join contracts on events.contract_id = contracts.contract_id
