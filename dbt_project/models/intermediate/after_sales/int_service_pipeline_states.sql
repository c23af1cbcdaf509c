{#- 售后进度 at D without what D alone sets (fct_service_pipeline adds the days in the
    current stage and D): one row per contract live at D and after-sales service: contract
    filing (备案), hand-over (入伙) and certificate (产证) for every live contract, mortgage
    (按揭) and provident-fund loan (公积金) for contracts paid that way (combined = both), plus
    any other service with milestones. Each row holds its current milestone (latest on or
    before D; `not_started` if none) and the date of every milestone.

    Incremental by contract (macros/after_sales_incremental.sql): a day of new receipts
    keeps every contract whose state did not change between the old D and the new one. -#}
-- depends_on: {{ ref('int_service_events_sequenced_all_dates') }}
-- depends_on: {{ ref('int_as_of_date') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ prune_on_as_of_move(service_pipeline_not_kept) }}",
) }}
with contracts as (
    select * from {{ ref('int_deals_snapshotted') }}
    where is_live_contract
        {{ where_not_kept('contract_id', 'contract_id') }}
),

-- the milestones of the contracts worked out (the live ones; on an incremental run, those the
-- table does not hold), read once: the services a contract has milestones in are the keys of
-- their grouping
events as (
    select * from {{ ref('int_service_events_sequenced') }}
    where contract_id in (select contract_id from contracts)
),

expected as (
    select contract_id, unnest(
        ['filing', 'handover', 'certificate']
        || case payment_method
            when 'mortgage' then ['mortgage']
            when 'provident_fund' then ['provident_fund']
            when 'combined' then ['mortgage', 'provident_fund']
            else []
        end
    ) as service
    from contracts
),

pivoted as (
    select
        contract_id,
        service,
        {%- for m in ['submitted', 'docs_complete', 'bank_interview', 'approved', 'rejected',
                      'registered', 'disbursed', 'notified', 'completed', 'issued', 'collected'] %}
        max(event_date) filter (where milestone = '{{ m }}') as {{ m }}_date,
        {%- endfor %}
        arg_max(milestone, (event_date, milestone_order)) as current_milestone,
        max(event_date) as current_milestone_date,
        arg_max(bank, event_date) filter (where bank is not null) as bank
    from events
    group by contract_id, service
),

services as (
    select
        coalesce(expected.contract_id, pivoted.contract_id) as contract_id,
        coalesce(expected.service, pivoted.service) as service,
        pivoted.* exclude (contract_id, service)
    from expected
    full join pivoted
        on expected.contract_id = pivoted.contract_id
        and expected.service = pivoted.service
)

select
    services.contract_id,
    services.service,
    contracts.project_id,
    contracts.unit_id,
    contracts.customer_id,
    contracts.consultant_id,
    contracts.payment_method,
    contracts.loan_amount,
    contracts.sign_date,
    services.bank,
    coalesce(services.current_milestone, 'not_started') as current_milestone,
    services.current_milestone_date,
    {%- for m in ['submitted', 'docs_complete', 'bank_interview', 'approved', 'rejected',
                  'registered', 'disbursed', 'notified', 'completed', 'issued', 'collected'] %}
    services.{{ m }}_date,
    {%- endfor %}
    services.rejected_date is not null as is_rejected,
    case services.service
        when 'filing' then services.collected_date
        when 'mortgage' then services.disbursed_date
        when 'provident_fund' then services.disbursed_date
        when 'handover' then services.completed_date
        when 'certificate' then services.collected_date
    end is not null as is_finished
from services
inner join contracts on services.contract_id = contracts.contract_id
