{#- Where each line open at a forecast date F stands, and which payment curve forecasts it.

    - Customer lines: curve `customer`, position = days past due at F (F - due_date; the
      line is known not to be settled that late). Keys, finest first: (item, credit grade
      at F), (item), (all items).
    - Bank (loan) lines: the contract's loan services still pending at F (neither disbursed
      nor rejected), each from its current milestone: position = days since that milestone,
      keys (milestone, loan type, bank), (milestone, loan type), (milestone). Two pending
      services of a combined loan share the line half and half. A contract with no loan
      event yet (or none pending and none rejected) waits from its sign date (milestone
      `signed`).
    - A loan rejected by F falls back to the customer: forecast as a customer line of the
      buyer, keys (all items, grade), (all items), and shown under payer customer.
    A candidate key is used when it has at least min_curve_events paid observations and
    min_lines_beyond observations waiting longer than the line's position; else the next
    one (the coarsest is used in any case). -#}
{{ forecast_incremental_config() }}
with lines as (
    select * from {{ ref('int_forecast_open_lines') }}
    {{ forecast_where_built() }}
),

grades as (
    select * from {{ ref('int_forecast_customer_grades') }}
    {{ forecast_where_built() }}
),

services as (
    select * from {{ ref('int_forecast_loan_services') }}
    {{ forecast_where_built() }}
),

contract_services as (
    select
        forecast_as_of,
        contract_id,
        count(*) filter (where disbursed_date is null and rejected_date is null) as pending_count,
        count(*) filter (where rejected_date is not null and disbursed_date is null) as rejected_count
    from services
    group by forecast_as_of, contract_id
),

lines_graded as (
    select
        lines.*,
        coalesce(grades.credit_grade, 'ungraded') as credit_grade,
        coalesce(contract_services.pending_count, 0) as pending_count,
        coalesce(contract_services.rejected_count, 0) as rejected_count
    from lines
    left join grades
        on lines.forecast_as_of = grades.forecast_as_of and lines.customer_id = grades.customer_id
    left join contract_services
        on lines.forecast_as_of = contract_services.forecast_as_of
        and lines.contract_id = contract_services.contract_id
),

{#- one row per line and way it may be paid (a combined loan: one per pending service), with
    up to three candidate curve keys, finest first, in slots c1..c3 (c = curve_level, key_1,
    key_2, key_3; an absent slot is null) -#}
{%- set no_slot = 'cast(null as integer), cast(null as varchar), cast(null as varchar), cast(null as varchar)' %}
states as (
    select
        forecast_as_of, schedule_id, 'customer' as forecast_payer, 'customer' as curve,
        1 as c1_curve_level, item as c1_key_1, credit_grade as c1_key_2, '*' as c1_key_3,
        2 as c2_curve_level, item as c2_key_1, '*' as c2_key_2, '*' as c2_key_3,
        4 as c3_curve_level, '*' as c3_key_1, '*' as c3_key_2, '*' as c3_key_3,
        cast(days_past_due as integer) as position_days,
        1.0 as share,
        cast(null as varchar) as loan_milestone,
        cast(null as varchar) as loan_service,
        cast(null as varchar) as bank
    from lines_graded
    where payer = 'customer'
    union all
    select
        lines_graded.forecast_as_of, lines_graded.schedule_id, 'bank', 'loan',
        1, services.current_milestone, services.service, services.bank,
        2, services.current_milestone, services.service, '*',
        3, services.current_milestone, '*', '*',
        cast(lines_graded.forecast_as_of - services.current_milestone_date as integer),
        1.0 / lines_graded.pending_count,
        services.current_milestone, services.service, services.bank
    from lines_graded
    inner join services
        on lines_graded.forecast_as_of = services.forecast_as_of
        and lines_graded.contract_id = services.contract_id
    where lines_graded.payer = 'bank'
        and lines_graded.pending_count > 0
        and services.disbursed_date is null and services.rejected_date is null
    union all
    select
        lines_graded.forecast_as_of, lines_graded.schedule_id, 'bank', 'loan',
        3, 'signed', '*', '*',
        {{ no_slot }},
        {{ no_slot }},
        cast(lines_graded.forecast_as_of - contracts.sign_date as integer),
        1.0,
        'signed', null, null
    from lines_graded
    inner join {{ ref('stg_erp__contracts') }} as contracts
        on lines_graded.contract_id = contracts.contract_id
    where lines_graded.payer = 'bank'
        and lines_graded.pending_count = 0 and lines_graded.rejected_count = 0
    union all
    select
        forecast_as_of, schedule_id, 'customer', 'customer',
        3, '*', credit_grade, '*',
        4, '*', '*', '*',
        {{ no_slot }},
        cast(days_past_due as integer),
        1.0,
        'rejected', null, null
    from lines_graded
    where payer = 'bank' and pending_count = 0 and rejected_count > 0
),

totals as (
    select distinct
        forecast_as_of, curve, curve_level, key_1, key_2, key_3, events_total, observations_total
    from {{ ref('int_forecast_delay_curves') }}
    {{ forecast_where_built() }}
),

settings as (
    select
        {{ forecast_setting('min_curve_events') }} as min_curve_events,
        {{ forecast_setting('min_lines_beyond') }} as min_lines_beyond
),

-- where a curve stands at a position depends only on the curve, key and position: looked
-- up once per distinct one (far fewer than line candidates), then shared
positions as (
    {%- for n in [1, 2, 3] %}
    {% if not loop.first %}union{% endif %}
    select distinct
        forecast_as_of, curve, c{{ n }}_curve_level as curve_level, c{{ n }}_key_1 as key_1,
        c{{ n }}_key_2 as key_2, c{{ n }}_key_3 as key_3, position_days
    from states
    where c{{ n }}_curve_level is not null
    {%- endfor %}
),

placed as (
    select
        positions.*,
        coalesce(curves.survival, 1.0) as position_survival,
        totals.events_total >= settings.min_curve_events
            and coalesce(curves.lines_beyond, totals.observations_total) >= settings.min_lines_beyond
            as is_trusted
    from positions
    cross join settings
    inner join totals
        on {{ forecast_curve_key_matches('positions', 'totals') }}
    asof left join {{ ref('int_forecast_delay_curves') }} as curves
        on {{ forecast_curve_key_matches('positions', 'curves') }}
        and positions.position_days >= curves.delay_days
),

-- each slot looked up where its curve stands (no row: that key has no curve at F); chosen:
-- the finest trusted candidate, else the coarsest that has a curve. Three lookups of a
-- small table on the stream of states, instead of a row per candidate to rank and join back
looked as (
    select
        states.*,
        {%- for n in [1, 2, 3] %}
        p{{ n }}.is_trusted as c{{ n }}_is_trusted,
        p{{ n }}.position_survival as c{{ n }}_survival{{ ',' if not loop.last }}
        {%- endfor %}
    from states
    {%- for n in [1, 2, 3] %}
    left join placed as p{{ n }}
        on {{ forecast_curve_key_matches('states', 'p' ~ n, 'c' ~ n ~ '_') }}
        and states.position_days is not distinct from p{{ n }}.position_days
    {%- endfor %}
),

chosen as (
    select
        *,
        case
            when c1_is_trusted then 1
            when c2_is_trusted then 2
            when c3_is_trusted then 3
            when c3_survival is not null then 3
            when c2_survival is not null then 2
            when c1_survival is not null then 1
        end as chosen_slot
    from looked
)

select
    forecast_as_of,
    schedule_id,
    forecast_payer,
    curve,
    {%- for col in ['curve_level', 'key_1', 'key_2', 'key_3'] %}
    case chosen_slot when 1 then c1_{{ col }} when 2 then c2_{{ col }} else c3_{{ col }} end as {{ col }},
    {%- endfor %}
    position_days,
    case chosen_slot when 1 then c1_survival when 2 then c2_survival else c3_survival end
        as position_survival,
    share,
    loan_milestone,
    loan_service,
    bank
from chosen
where chosen_slot is not null
