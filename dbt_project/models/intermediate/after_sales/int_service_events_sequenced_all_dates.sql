{#- Every after-sales milestone, whatever its date, in pipeline order, with the days spent
    since the previous milestone of the same contract and service (the stage's duration) and
    the date of the next one.

    Not cut at D, so that a day of new receipts (which moves D) leaves this table as
    published; int_service_events_sequenced is the view of it on or before D. Cutting later
    gives the same previous milestones (they come earlier in the order), and a milestone is
    the current one at D when the next one is dated after D or there is none. -#}
with events as (
    select * from {{ ref('stg_erp__service_events') }}
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
)

select
    *,
    lag(event_date) over w as previous_event_date,
    lag(milestone) over w as previous_milestone,
    event_date - lag(event_date) over w as days_since_previous_milestone,
    lead(event_date) over w as next_event_date
from ordered
window w as (partition by contract_id, service order by event_date, milestone_order)
