{#- int_line_settlements is incremental by deal.

    A deal's settled lines at D are a function of its lines existing by D (line and deal
    started on or before D; the end conditions do not read D) and of its deal-and-payer
    receipt events dated on or before D; whether the deal is still live at D is left to the
    view fct_line_settlements. When receipts are the only raw table that changed, the lines
    are as published, so a deal's rows can differ from the published ones only if
    - its events changed (int_receipt_events_changed lists those deals and payers), or
    - one of its events, or one of its lines' or its own start, is dated between the
      published D and this build's D (macro as_of_move), where a cut at D differs.
    The pre-hook deletes those deals' rows and the body works out the deals the table does
    not hold. Any other change, or no published D, empties the table and works out every
    deal; a full build passes --full-refresh. -#}

{#- The rows the pre-hook (prune_on_as_of_move) drops, given how D moved. -#}
{% macro line_settlements_not_kept(move) -%}
    deal_id in ({{ line_settlements_changed(move) }})
{%- endmacro %}

{#- The deals whose settled lines this run works out again, given how D moved (as_of_move()):
    a subquery of deal_id (with repeats). fct_collection_action_outcomes reads them too. -#}
{% macro line_settlements_changed(move) -%}
    select deal_id from {{ ref('int_receipt_events_changed') }}
    union all
    select deal_id from {{ ref('int_receipt_events_accumulated_all_dates') }}
    where {{ between_as_of_dates('event_date', move) }}
    union all
    select deal_id from {{ ref('int_schedule_lines_keyed') }}
    where {{ between_as_of_dates('line_start_date', move) }}
        or {{ between_as_of_dates('deal_start_date', move) }}
{%- endmacro %}
