{#- The FIFO segments of lines (int_line_balances_segmented_all_dates, by deal and payer)
    and of contracts (int_contract_receivables_segmented_all_dates, by deal) are incremental.

    A line's segments are a function of its deal-and-payer's versions (schedule lines) and of
    that pair's receipt events, and of nothing else: not of D, since neither input is cut at
    D (the views int_schedule_lines_versioned and int_line_balances_segmented cut them). A
    contract's are a function of the deal (amount, sign and end dates) and its events. So
    when receipts are the only raw table that changed (HUILONG_CHANGED_RAW_TABLES is
    raw.receipts, set by the build pipeline), the versions and deals are as published and
    the segments of a deal and payer can change only if its events did.

    Which events changed: int_receipt_events_accumulated_all_dates keeps its published rows
    in a side table before it is made again (its pre-hook), and int_receipt_events_changed
    compares the two, row by row on the key, and drops the side table. That finds every pair
    whose events differ for any reason: new receipts, a receipt issued again under another
    deal or date, a file removed. Each segments table deletes the segments of those pairs
    (or deals), and its body works them out again. int_receipt_events_changed keeps the
    pairs the last receipts-only build redid; it is empty after a build with other changes.

    Any other change (or a direct dbt run) empties the segments tables and works out every
    pair; a full build passes --full-refresh. -#}

{#- Where the published events wait for the comparison: next to the events table
    (`events`: its relation; `this` in its own pre-hook, since a ref there would make the
    model depend on itself). -#}
{% macro receivables_previous_events(events) -%}
    {{- return(events.schema ~ '.' ~ events.identifier ~ '__published') -}}
{%- endmacro %}

{#- True when this run works out only the deals (and payers) whose events changed. -#}
{% macro receivables_by_changed_pairs() -%}
    {{- return(is_incremental() and only_receipts_changed()) -}}
{%- endmacro %}

{#- Pre-hook of the events table: copy its published rows when the segments will be compared
    with them (0.3 s for 3.9 M rows at 1x large); none published, an empty table, so that
    every pair compares as changed. -#}
{% macro receivables_keep_published_events() -%}
    drop table if exists {{ receivables_previous_events(this) }};
    {%- if only_receipts_changed() %}
    {%- if load_relation(this) is not none %}
    create table {{ receivables_previous_events(this) }} as select * from {{ this }};
    {%- else %}
    create table {{ receivables_previous_events(this) }} (
        deal_id varchar, payer varchar, event_date date, day_receipts_amount decimal(18, 2),
        running_receipts_amount decimal(18, 2), previous_running_receipts_amount decimal(18, 2)
    );
    {%- endif %}
    {%- endif %}
{%- endmacro %}

{#- Post-hook of int_receipt_events_changed: the copy of the published events goes. -#}
{% macro receivables_drop_published_events() -%}
    drop table if exists {{ receivables_previous_events(ref('int_receipt_events_accumulated_all_dates')) }}
{%- endmacro %}

{#- Pre-hook of a segments table keyed by `keys` (deal_id and payer, or deal_id): drop the
    segments of the changed ones (all segments when this run does not go by them). -#}
{% macro receivables_segments_prune(keys) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} {{ receivables_where_changed(this, keys) }}
    {%- endif -%}
{%- endmacro %}

{#- A filter on a relation (alias `alias`) with the columns `keys`, opened by `keyword`: its
    deal (and payer) had its events changed. Nothing on a run that works out every one, so
    that such a run runs the very SQL of a table build. -#}
{% macro receivables_where_changed(alias, keys, keyword='where') -%}
    {%- if receivables_by_changed_pairs() -%}
        {{ keyword }} exists (
            select 1 from {{ ref('int_receipt_events_changed') }} as changed
            where {% for key in keys %}changed.{{ key }} = {{ alias }}.{{ key }}{% if not loop.last %} and {% endif %}{% endfor %}
        )
    {%- endif -%}
{%- endmacro %}
