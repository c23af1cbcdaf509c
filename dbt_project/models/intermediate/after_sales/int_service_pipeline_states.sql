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

-- on an incremental run, only the milestones of the contracts worked out
events as (
    select * from {{ ref('int_service_events_sequenced') }}
    {%- if is_incremental() %}
    where contract_id in (select contract_id from contracts)
    {%- endif %}
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

services as (
    select contract_id, service from expected
    union
    select distinct events.contract_id, events.service
    from events
    inner join contracts on events.contract_id = contracts.contract_id
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
    pivoted.bank,
    coalesce(pivoted.current_milestone, 'not_started') as current_milestone,
    pivoted.current_milestone_date,
    {%- for m in ['submitted', 'docs_complete', 'bank_interview', 'approved', 'rejected',
                  'registered', 'disbursed', 'notified', 'completed', 'issued', 'collected'] %}
    pivoted.{{ m }}_date,
    {%- endfor %}
    pivoted.rejected_date is not null as is_rejected,
    case services.service
        when 'filing' then pivoted.collected_date
        when 'mortgage' then pivoted.disbursed_date
        when 'provident_fund' then pivoted.disbursed_date
        when 'handover' then pivoted.completed_date
        when 'certificate' then pivoted.collected_date
    end is not null as is_finished
from services
inner join contracts on services.contract_id = contracts.contract_id
left join pivoted on services.contract_id = pivoted.contract_id
    and services.service = pivoted.service
