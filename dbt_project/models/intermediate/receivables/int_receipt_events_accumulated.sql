{#- int_receipt_events_accumulated_all_dates up to D. A view, so that a new D costs its
    readers this filter instead of a copy of every event. -#}
{{ config(materialized='view') }}

select *
from {{ ref('int_receipt_events_accumulated_all_dates') }}
where event_date <= {{ as_of_date_literal() }}
