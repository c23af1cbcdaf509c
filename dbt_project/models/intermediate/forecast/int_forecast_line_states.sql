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
with lines as (
    select * from {{ ref('int_forecast_open_lines') }}
),

grades as (
    select * from {{ ref('int_forecast_customer_grades') }}
),

services as (
    select * from {{ ref('int_forecast_loan_services') }}
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

-- one row per line and way it may be paid (a combined loan: one per pending service), with
-- its candidate curve keys, finest first
states as (
    select
        forecast_as_of, schedule_id, 'customer' as forecast_payer, 'customer' as curve,
        [
            {'curve_level': 1, 'key_1': item, 'key_2': credit_grade, 'key_3': '*'},
            {'curve_level': 2, 'key_1': item, 'key_2': '*', 'key_3': '*'},
            {'curve_level': 4, 'key_1': '*', 'key_2': '*', 'key_3': '*'}
        ] as candidate_keys,
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
        [
            {'curve_level': 1, 'key_1': services.current_milestone, 'key_2': services.service, 'key_3': services.bank},
            {'curve_level': 2, 'key_1': services.current_milestone, 'key_2': services.service, 'key_3': '*'},
            {'curve_level': 3, 'key_1': services.current_milestone, 'key_2': '*', 'key_3': '*'}
        ],
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
        [{'curve_level': 3, 'key_1': 'signed', 'key_2': '*', 'key_3': '*'}],
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
        [
            {'curve_level': 3, 'key_1': '*', 'key_2': credit_grade, 'key_3': '*'},
            {'curve_level': 4, 'key_1': '*', 'key_2': '*', 'key_3': '*'}
        ],
        cast(days_past_due as integer),
        1.0,
        'rejected', null, null
    from lines_graded
    where payer = 'bank' and pending_count = 0 and rejected_count > 0
),

states_numbered as (
    select *, row_number() over () as state_key from states
),

-- narrow: a state's key, date, curve and position with each candidate key; what the state
-- is (line, payer, share, loan) joins back once a candidate is chosen
candidates as (
    select
        state_key,
        forecast_as_of,
        curve,
        position_days,
        candidate_rank,
        candidate.curve_level,
        candidate.key_1,
        candidate.key_2,
        candidate.key_3
    from (
        select
            state_key,
            forecast_as_of,
            curve,
            position_days,
            unnest(candidate_keys) as candidate,
            unnest(range(1, len(candidate_keys) + 1)) as candidate_rank
        from states_numbered
    )
),

totals as (
    select distinct
        forecast_as_of, curve, curve_level, key_1, key_2, key_3, events_total, observations_total
    from {{ ref('int_forecast_delay_curves') }}
),

-- where a curve stands at a position depends only on the curve, key and position: looked
-- up once per distinct one (far fewer than line candidates), then shared
positions as (
    select distinct forecast_as_of, curve, curve_level, key_1, key_2, key_3, position_days
    from candidates
),

placed as (
    select
        positions.*,
        totals.events_total,
        coalesce(curves.lines_beyond, totals.observations_total) as lines_beyond,
        coalesce(curves.survival, 1.0) as position_survival
    from positions
    inner join totals
        on {{ forecast_curve_key_matches('positions', 'totals') }}
    asof left join {{ ref('int_forecast_delay_curves') }} as curves
        on {{ forecast_curve_key_matches('positions', 'curves') }}
        and positions.position_days >= curves.delay_days
),

ranked as (
    select
        candidates.*,
        placed.position_survival,
        placed.events_total >= {{ forecast_setting('min_curve_events') }}
            and placed.lines_beyond >= {{ forecast_setting('min_lines_beyond') }} as is_trusted
    from candidates
    inner join placed
        on {{ forecast_curve_key_matches('candidates', 'placed') }}
        and candidates.position_days is not distinct from placed.position_days
),

-- the finest trusted candidate, else the coarsest there is (an aggregate over narrow rows,
-- not a window over wide ones: at 1x large the window ran out of a 6 GB cap)
chosen as (
    select
        state_key,
        coalesce(min(candidate_rank) filter (where is_trusted), max(candidate_rank)) as candidate_rank
    from ranked
    group by state_key
)

select
    states_numbered.forecast_as_of,
    states_numbered.schedule_id,
    states_numbered.forecast_payer,
    states_numbered.curve,
    ranked.curve_level,
    ranked.key_1,
    ranked.key_2,
    ranked.key_3,
    states_numbered.position_days,
    ranked.position_survival,
    states_numbered.share,
    states_numbered.loan_milestone,
    states_numbered.loan_service,
    states_numbered.bank
from chosen
inner join ranked
    on chosen.state_key = ranked.state_key and chosen.candidate_rank = ranked.candidate_rank
inner join states_numbered on chosen.state_key = states_numbered.state_key
