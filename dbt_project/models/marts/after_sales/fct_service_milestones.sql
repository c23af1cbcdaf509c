{#- 售后节点明细: one row per after-sales milestone reached on or before D (contract, service,
    milestone), with the days spent in the stage that it closes (since the previous milestone
    of the same contract and service, or since signing for the first one):
    int_service_milestones_all_dates cut at D, each contract and service's last milestone on
    or before D marked current (the next one is dated after D, or there is none). A view, so
    that a day of new receipts, which moves D, costs a filter instead of a copy of every
    milestone. -#}
{{ config(materialized='view') }}
{%- set as_of = as_of_date_literal() %}

select
    milestones.* exclude (next_event_date, note),
    coalesce(milestones.next_event_date > {{ as_of }}, true) as is_current_milestone,
    milestones.note
from {{ ref('int_service_milestones_all_dates') }} as milestones
where milestones.event_date <= {{ as_of }}
