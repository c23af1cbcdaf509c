{#- Each mortgage (按揭) and provident-fund (公积金) loan service as it stood at each forecast
    date F: its bank, the date of each milestone reached by F (service events dated on or
    before F), its current milestone, and whether it was disbursed or rejected by F. A
    combined loan (组合贷) has one row per service. -#}
with origins as (
    select forecast_as_of from {{ ref('int_forecast_origins') }}
),

events as (
    select
        origins.forecast_as_of,
        events.contract_id,
        events.service,
        events.milestone,
        events.event_date,
        nullif(trim(events.bank), '') as bank,
        case events.milestone
            when 'docs_complete' then 1
            when 'bank_interview' then 2
            when 'approved' then 3
            when 'rejected' then 3
            when 'registered' then 4
            when 'disbursed' then 5
        end as milestone_order
    from {{ ref('stg_erp__service_events') }} as events
    cross join origins
    where events.event_date <= origins.forecast_as_of
        and events.service in ('mortgage', 'provident_fund')
)

select
    events.forecast_as_of,
    events.contract_id,
    events.service,
    coalesce(max(events.bank), 'unknown') as bank,
    contracts.sign_date,
    min(events.event_date) filter (where events.milestone = 'docs_complete') as docs_complete_date,
    min(events.event_date) filter (where events.milestone = 'bank_interview') as bank_interview_date,
    min(events.event_date) filter (where events.milestone = 'approved') as approved_date,
    min(events.event_date) filter (where events.milestone = 'registered') as registered_date,
    min(events.event_date) filter (where events.milestone = 'rejected') as rejected_date,
    min(events.event_date) filter (where events.milestone = 'disbursed') as disbursed_date,
    arg_max(events.milestone, (events.event_date, events.milestone_order)) as current_milestone,
    max(events.event_date) as current_milestone_date
from events
left join {{ ref('stg_erp__contracts') }} as contracts on events.contract_id = contracts.contract_id
group by events.forecast_as_of, events.contract_id, events.service, contracts.sign_date
