{#- int_line_balances_segmented_all_dates is incremental by deal and payer.

    A line's FIFO segments are a function of its deal-and-payer's versions (schedule lines)
    and of that pair's receipt events, and of nothing else: not of D, since neither input is
    cut at D (the views int_schedule_lines_versioned and int_line_balances_segmented cut
    them). So when receipts are the only raw table that changed (HUILONG_CHANGED_RAW_TABLES
    is raw.receipts, set by the build pipeline), the versions are as published and the
    segments of a pair can change only if its events did.

    Which events changed: int_receipt_events_accumulated_all_dates keeps its published rows
    in a side table before it is made again (its pre-hook), and the segments' pre-hook
    compares the two, row by row on the key. That finds every pair whose events differ for
    any reason: new receipts, a receipt issued again under another deal or date, a file
    removed. It deletes those pairs' segments, the body works them out again, and the
    post-hook drops both side tables, so the warehouse holds the same tables as a build from
    scratch.

    Any other change (or a direct dbt run) empties the table and works out every pair; a
    full build passes --full-refresh. -#}

{#- Where the published events wait for the comparison, and the pairs it finds, next to the
    events table (`events`: its relation; `this` in its own pre-hook, since a ref there would
    make the model depend on itself). -#}
{% macro receivables_previous_events(events) -%}
    {{- return(events.schema ~ '.' ~ events.identifier ~ '__published') -}}
{%- endmacro %}

{% macro receivables_changed_pairs(events) -%}
    {{- return(events.schema ~ '.' ~ events.identifier ~ '__changed_pairs') -}}
{%- endmacro %}

{#- True when this run works out only the pairs whose events changed. -#}
{% macro receivables_by_changed_pairs() -%}
    {{- return(is_incremental() and only_receipts_changed()) -}}
{%- endmacro %}

{#- Pre-hook of the events table: copy its published rows when the segments will be compared
    with them (0.3 s for 3.9 M rows at 1x large). -#}
{% macro receivables_keep_published_events() -%}
    drop table if exists {{ receivables_previous_events(this) }};
    {%- if only_receipts_changed() and load_relation(this) is not none %}
    create table {{ receivables_previous_events(this) }} as select * from {{ this }};
    {%- endif %}
{%- endmacro %}

{#- Pre-hook of the segments: find the pairs whose events changed, drop their segments (all
    segments when this run does not go by pairs). -#}
{% macro receivables_segments_prune() -%}
    {%- if receivables_by_changed_pairs() -%}
        {%- set events = ref('int_receipt_events_accumulated_all_dates') -%}
        {%- set published = receivables_previous_events(events) -%}
        -- a full join on the key (0.4 s at 1x large; EXCEPT ALL both ways took 2.9 s)
        create or replace table {{ receivables_changed_pairs(events) }} as
        select distinct
            coalesce(events.deal_id, published.deal_id) as deal_id,
            coalesce(events.payer, published.payer) as payer
        from {{ events }} as events
        full join {{ published }} as published
            on events.deal_id = published.deal_id
            and events.payer = published.payer
            and events.event_date = published.event_date
        where events.deal_id is null
            or published.deal_id is null
            or events.day_receipts_amount <> published.day_receipts_amount
            or events.running_receipts_amount <> published.running_receipts_amount
            or events.previous_running_receipts_amount <> published.previous_running_receipts_amount;
        delete from {{ this }}
        using {{ receivables_changed_pairs(events) }} as changed
        where {{ this }}.deal_id = changed.deal_id and {{ this }}.payer = changed.payer
    {%- elif is_incremental() -%}
        delete from {{ this }}
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of the segments: the side tables go. -#}
{% macro receivables_segments_clean_up() -%}
    {%- set events = ref('int_receipt_events_accumulated_all_dates') -%}
    drop table if exists {{ receivables_changed_pairs(events) }};
    drop table if exists {{ receivables_previous_events(events) }}
{%- endmacro %}

{#- A filter on a relation with deal_id and payer (alias `alias`), opened by `keyword`: the
    pair's events changed. Nothing on a run that works out every pair, so that such a run
    runs the very SQL of a table build. -#}
{% macro receivables_where_changed(alias, keyword='where') -%}
    {%- if receivables_by_changed_pairs() -%}
        {{ keyword }} exists (
            select 1 from {{ receivables_changed_pairs(ref('int_receipt_events_accumulated_all_dates')) }} as changed
            where changed.deal_id = {{ alias }}.deal_id and changed.payer = {{ alias }}.payer
        )
    {%- endif -%}
{%- endmacro %}
