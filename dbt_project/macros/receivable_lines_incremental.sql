{#- int_receivable_lines is incremental by deal.

    A deal's receivable lines at D are a function of its lines existing at D (line and deal
    started on or before D, deal not ended by D) and of its net FIFO receipts dated on or
    before D. When receipts are the only raw table that changed, the lines are as
    published, so a deal's rows can differ from the published ones only if
    - its receipt events changed (int_receipt_events_changed), or
    - one of its events, one of its lines' starts or its own start is dated between the
      published D and this build's D (macro as_of_move), where a cut at D differs: the
      deals of line_settlements_changed; or
    - it has ended by D: it has no lines at D (those of a deal that ended between the two D
      were live at the published D).
    The pre-hook deletes those deals' rows and the body works out the deals live at D that
    the table does not hold (a deal live again when D moves back is one of them). Any other
    change, or no published D, empties the table and works out every deal; a full build
    passes --full-refresh. -#}

{#- The rows the pre-hook (prune_on_as_of_move) drops, given how D moved. -#}
{% macro receivable_lines_not_kept(move) -%}
    deal_id in (
        {{ line_settlements_changed(move) }}
        union all
        select deal_id from {{ ref('int_schedule_lines_keyed') }}
        where deal_end_date <= {{ as_of_date() }}
    )
{%- endmacro %}
