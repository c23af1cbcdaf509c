{#- What the forecast learns from, per forecast date F: one observation per line or loan
    milestone of the history known at F, in days from a starting point to payment.

    - curve `customer`: every customer line of int_forecast_line_history; days from the due
      date to settlement (negative = early), weighted by the amount due. Keys: item and the
      customer's credit grade at F (ungraded without history).
    - curve `loan`: every mortgage / provident-fund milestone reached by F (and the sign date,
      milestone `signed`); days from the milestone to disbursement, weight 1. Keys: the
      milestone, the loan type (service) and the bank. Contracts with a bank line at F and
      no loan event yet are `signed` observations too.
    An observation not paid by F is censored at the days it had waited by F (is_event false);
    a rejected loan never disburses, so it stays censored: the curves' plateau is the share
    that never pays. Each observation is repeated at every fallback level, the coarser keys
    set to '*'; the forecast uses the finest level with enough data.
    Weights are exact decimals (a line's amount due, 1 for a loan milestone): summed as
    doubles, their last bits depended on the order DuckDB's threads added them in, so two
    builds of the same data could differ.
    Observations alike in every column are stored once, with their count and summed weight:
    the curves need nothing finer, and the history at 13 forecast dates x 4 levels would
    otherwise be hundreds of millions of rows at scale. -#}
{{ forecast_incremental_config() }}
with graded_customers as (
    {{ forecast_grades_packed() }}
),

-- grouped by the grade's code, its name read after (see macros/forecast_grades.sql)
history_coded as (
    select
        history.forecast_as_of,
        history.item,
        {{ forecast_grade_code_at('graded_customers.credit_grade_codes', 'slots.grade_slot') }}
            as credit_grade_code,
        history.delay_days,
        history.is_settled as is_event,
        sum(history.amount_due) as weight,
        count(*) as observation_count
    from {{ ref('int_forecast_line_history') }} as history
    inner join ({{ forecast_grade_slots() }}) as slots
        on history.forecast_as_of = slots.forecast_as_of
    left join graded_customers on history.customer_id = graded_customers.customer_id
    {{ forecast_where_built('history.forecast_as_of') }}
    group by all
),

history_grouped as (
    select
        forecast_as_of,
        item,
        {{ forecast_grade_name('credit_grade_code') }} as credit_grade,
        delay_days,
        is_event,
        weight,
        observation_count
    from history_coded
),

customer_levels as (
    select forecast_as_of, 'customer' as curve, 1 as curve_level, item as key_1, credit_grade as key_2, '*' as key_3, delay_days, is_event, weight, observation_count from history_grouped
    union all
    select forecast_as_of, 'customer', 2, item, '*', '*', delay_days, is_event, weight, observation_count from history_grouped
    union all
    select forecast_as_of, 'customer', 3, '*', credit_grade, '*', delay_days, is_event, weight, observation_count from history_grouped
    union all
    select forecast_as_of, 'customer', 4, '*', '*', '*', delay_days, is_event, weight, observation_count from history_grouped
),

services as (
    select * from {{ ref('int_forecast_loan_services') }}
    {{ forecast_where_built() }}
),

milestones as (
    select forecast_as_of, contract_id, service, bank, disbursed_date, m.milestone, m.milestone_date
    from services
    cross join lateral (
        values
            ('signed', sign_date),
            ('docs_complete', docs_complete_date),
            ('bank_interview', bank_interview_date),
            ('approved', approved_date),
            ('registered', registered_date)
    ) as m(milestone, milestone_date)
    where m.milestone_date is not null
),

-- contracts with a bank line open at F and no loan event yet: waiting since signing
unstarted as (
    select distinct lines.forecast_as_of, lines.contract_id, contracts.sign_date
    from {{ ref('int_forecast_open_lines') }} as lines
    inner join {{ ref('stg_erp__contracts') }} as contracts on lines.contract_id = contracts.contract_id
    where lines.payer = 'bank'
        {{ forecast_where_built('lines.forecast_as_of', keyword='and') }}
        and not exists (
            select 1 from services
            where services.forecast_as_of = lines.forecast_as_of
                and services.contract_id = lines.contract_id
        )
),

loan_observations as (
    select
        forecast_as_of,
        milestone,
        service,
        bank,
        cast(coalesce(disbursed_date, forecast_as_of) - milestone_date as integer) as delay_days,
        disbursed_date is not null as is_event
    from milestones
    union all
    select
        forecast_as_of,
        'signed',
        'unknown',
        'unknown',
        cast(forecast_as_of - sign_date as integer),
        false
    from unstarted
    where sign_date is not null
),

loan_grouped as (
    select forecast_as_of, milestone, service, bank, delay_days, is_event,
        count(*) as observation_count
    from loan_observations
    group by all
),

loan_levels as (
    select forecast_as_of, 'loan' as curve, 1 as curve_level, milestone as key_1, service as key_2, bank as key_3, delay_days, is_event, observation_count from loan_grouped
    union all
    select forecast_as_of, 'loan', 2, milestone, service, '*', delay_days, is_event, observation_count from loan_grouped
    union all
    select forecast_as_of, 'loan', 3, milestone, '*', '*', delay_days, is_event, observation_count from loan_grouped
)

-- per level: alike observations merged again (one finer key's rows meet at a coarser one)
select forecast_as_of, curve, curve_level, key_1, key_2, key_3, delay_days, is_event,
    cast(sum(weight) as decimal(38, 2)) as weight, sum(observation_count) as observation_count
from (
    select * from customer_levels
    union all
    select forecast_as_of, curve, curve_level, key_1, key_2, key_3, delay_days, is_event,
        cast(observation_count as decimal(38, 2)) as weight, observation_count
    from loan_levels
)
group by all
