{#- Each mortgage (按揭) and provident-fund (公积金) loan service as it stood at each forecast
    date F: its bank, the date of each milestone reached by F (service events dated on or
    before F), its current milestone, and whether it was disbursed or rejected by F. A
    combined loan (组合贷) has one row per service.

    A service only changes on its own event dates, so its state (bank, current milestone,
    each milestone's first date so far) is worked out once per event date (a running window)
    and holds until its next event date; each F between takes it, instead of re-aggregating
    every event for each of the 13 forecast dates.

    A day of new receipts carries D's rows forward (forecast_carry_forward): the service
    events are as published, so a contract with no event dated between the published D and
    the new one stands at the new D as it stood then; only the others are worked out. -#}
{{ forecast_incremental_config(carry_forward=true) }}
{%- set carry = forecast_carry_forward() %}
{%- set milestones = ['docs_complete', 'bank_interview', 'approved', 'registered', 'rejected', 'disbursed'] %}
with origins as (
    select forecast_as_of from {{ ref('int_forecast_origins') }}
    {{ forecast_where_built() }}
),
{%- if carry is not none %}

-- the contracts worked out at the new D; every other contract's rows are carried forward
changed_contracts as (
    select contract_id from {{ ref('stg_erp__service_events') }}
    where {{ between_as_of_dates('event_date', {'after': carry.source, 'through': carry.target}) }}
),
{%- endif %}

events as (
    select
        contract_id,
        service,
        milestone,
        event_date,
        nullif(trim(bank), '') as bank,
        case milestone
            when 'docs_complete' then 1
            when 'bank_interview' then 2
            when 'approved' then 3
            when 'rejected' then 3
            when 'registered' then 4
            when 'disbursed' then 5
        end as milestone_order
    from {{ ref('stg_erp__service_events') }}
    where service in ('mortgage', 'provident_fund')
        and event_date <= (select max(forecast_as_of) from origins)
        {%- if carry is not none %}
        and contract_id in (select contract_id from changed_contracts)
        {%- endif %}
),

-- the state after each event date: every event dated on or before it (RANGE takes peers),
-- and each milestone's first date so far (by F, the state on or before F holds its first
-- date by F)
states as (
    select
        contract_id,
        service,
        event_date,
        any_value(bank) as bank,
        any_value(current_milestone) as current_milestone,
        {%- for milestone in milestones %}
        any_value({{ milestone }}_date) as {{ milestone }}_date{{ ',' if not loop.last }}
        {%- endfor %}
    from (
        select
            contract_id,
            service,
            event_date,
            max(bank) over running as bank,
            arg_max(milestone, (event_date, milestone_order)) over running as current_milestone,
            {%- for milestone in milestones %}
            min(event_date) filter (where milestone = '{{ milestone }}') over running
                as {{ milestone }}_date{{ ',' if not loop.last }}
            {%- endfor %}
        from events
        window running as (
            partition by contract_id, service order by event_date
            range between unbounded preceding and current row
        )
    )
    group by contract_id, service, event_date
),

-- each state holds from its date to the service's next event date: it is the state at the
-- forecast dates in between, picked from the origins' list (no join on the 13 dates: an ASOF
-- join of every service and F took 24 s of 29 at 4x large)
origin_list as (
    select list(forecast_as_of order by forecast_as_of) as origin_dates from origins
),

stood as (
    select
        bounded.*,
        unnest({{ forecast_dates_in_period(
            'origin_list.origin_dates', 'bounded.event_date', 'bounded.next_event_date') }})
            as forecast_as_of
    from (
        select
            *,
            lead(event_date) over (partition by contract_id, service order by event_date)
                as next_event_date
        from states
    ) as bounded
    cross join origin_list
)

select
    stood.forecast_as_of,
    stood.contract_id,
    stood.service,
    coalesce(stood.bank, 'unknown') as bank,
    contracts.sign_date,
    {%- for milestone in milestones %}
    stood.{{ milestone }}_date,
    {%- endfor %}
    stood.current_milestone,
    stood.event_date as current_milestone_date
from stood
left join {{ ref('stg_erp__contracts') }} as contracts on stood.contract_id = contracts.contract_id
{%- if carry is not none %}
union all
select * replace (date '{{ carry.target }}' as forecast_as_of)
from {{ this }}
where forecast_as_of = date '{{ carry.source }}'
    and contract_id not in (select contract_id from changed_contracts)
{%- endif %}
