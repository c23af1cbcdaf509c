{#- After-sales milestones dated on or before D: int_service_events_sequenced_all_dates cut at
    D, each contract and service's last milestone on or before D marked current. A view, so
    that a new D costs its readers a filter instead of a copy of every milestone. -#}
{{ config(materialized='view') }}
{%- set as_of = as_of_date_literal() %}

select
    events.* exclude (next_event_date),
    coalesce(events.next_event_date > {{ as_of }}, true) as is_current_milestone
from {{ ref('int_service_events_sequenced_all_dates') }} as events
where events.event_date <= {{ as_of }}
