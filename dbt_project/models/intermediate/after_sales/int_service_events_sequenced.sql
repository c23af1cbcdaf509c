{#- After-sales milestones dated on or before D, in pipeline order, with the days spent
    since the previous milestone of the same contract and service (the stage's duration). -#}
with events as (
    select * from {{ ref('stg_erp__service_events') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

ordered as (
    select
        events.contract_id,
        events.service,
        events.milestone,
        events.event_date,
        nullif(trim(events.bank), '') as bank,
        events.note,
        case events.milestone
            when 'submitted' then 1
            when 'docs_complete' then 1
            when 'notified' then 1
            when 'bank_interview' then 2
            when 'completed' then 2
            when 'issued' then 2
            when 'approved' then 3
            when 'rejected' then 3
            when 'collected' then 3
            when 'registered' then 4
            when 'disbursed' then 5
        end as milestone_order
    from events
    cross join as_of
    where events.event_date <= as_of.as_of_date
)

select
    *,
    lag(event_date) over w as previous_event_date,
    lag(milestone) over w as previous_milestone,
    event_date - lag(event_date) over w as days_since_previous_milestone,
    row_number() over (
        partition by contract_id, service order by event_date desc, milestone_order desc
    ) = 1 as is_current_milestone
from ordered
window w as (partition by contract_id, service order by event_date, milestone_order)
