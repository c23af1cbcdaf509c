{#- The forecast models keyed by forecast date F are incremental by F.

    Every forecast model is a function of F alone and of the rows dated on or before F
    (tests/dbt/test_forecast.py proves it), so the rows of a backtest origin F stay right as
    long as no row dated on or before F changed. The build pipeline knows when that holds:
    when the only raw table that changed since the last build is receipts, and only by new
    files, it sets HUILONG_FORECAST_KEPT_BEFORE to the earliest receipt date those files
    touch (their own rows and the older versions of the receipts they re-issue). Then each
    of these models keeps its rows of the origins F before that date that are still
    origins, and works out the others (the build's own date D, and any F on or after it).

    Without the setting (a direct dbt run, any other change) every origin is worked out
    again: the pre-hook empties the table and the body builds all. A full build passes
    --full-refresh, which recreates the table. -#}

{#- The date before which an origin's rows are kept, as a SQL date literal; none when unset. -#}
{% macro forecast_kept_before() -%}
    {%- set value = env_var('HUILONG_FORECAST_KEPT_BEFORE', '') | trim -%}
    {%- if not value -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', value) -%}
        {{ exceptions.raise_compiler_error(
            "HUILONG_FORECAST_KEPT_BEFORE must be a date (YYYY-MM-DD), not '" ~ value ~ "'") }}
    {%- endif -%}
    {{- return("date '" ~ value ~ "'") -}}
{%- endmacro %}

{#- Pre-hook of an incremental forecast model (inside dbt's transaction, before the insert):
    drop the rows of every origin not kept; a model that carries D's rows forward
    (forecast_carry_forward) keeps the published D's until its post-hook. -#}
{% macro forecast_prune(carry_forward=false) -%}
    {%- if is_incremental() -%}
        {%- set kept_before = forecast_kept_before() -%}
        {%- set carry = forecast_carry_forward() if carry_forward else none -%}
        {%- if kept_before is none -%}
            delete from {{ this }}
        {%- else -%}
            delete from {{ this }}
            where not (
                forecast_as_of < {{ kept_before }}
                and forecast_as_of in (select forecast_as_of from {{ ref('int_forecast_origins') }})
            )
            {%- if carry is not none %}
                and forecast_as_of <> date '{{ carry.source }}'
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- Post-hook of a model that carries D's rows forward: the published D's rows go once D's
    are written, unless that date is still an origin (a month end). Run whenever origins
    may have been kept (no row of a date that is not an origin is ever right), rather than
    asking forecast_carry_forward() again, which reads the table's dates. -#}
{% macro forecast_drop_carried_source() -%}
    {%- if is_incremental() and forecast_kept_before() is not none -%}
        delete from {{ this }}
        where forecast_as_of not in (select forecast_as_of from {{ ref('int_forecast_origins') }})
    {%- endif -%}
{%- endmacro %}

{#- The deals with anything dated between the two dates of a carry (forecast_carry_forward)
    that a cut there reads, or whose receipt events changed: a subquery of deal_id (with
    repeats). Their lines are worked out at the new D; every other deal's carried forward. -#}
{% macro forecast_deals_changed_between(carry) -%}
    {%- set move = {'after': carry.source, 'through': carry.target} -%}
    {{ line_settlements_changed(move) }}
    union all
    select deal_id from {{ ref('int_schedule_lines_keyed') }}
    where {{ between_as_of_dates('deal_end_date', move) }}
{%- endmacro %}

{#- Whether this run may carry the published D's rows forward to the new D, and from where:
    {'source': the published D, 'target': this build's D} (ISO dates), else none.

    A model whose rows at F depend on a key's (a deal's, a contract's) rows dated on or
    before F alone can take D's rows of a key with nothing dated between the published D
    and D from the published D's rows, instead of working out every key at D. That holds
    when:
    - receipts alone changed and only by new files (HUILONG_FORECAST_KEPT_BEFORE is set),
      and the published D is before that date, so its rows are still right;
    - D moved later;
    - D is the only origin this run works out (every other is kept), and the table holds
      the published D's rows.
    Each such model says which keys changed between the two dates and works out those
    alone; anything else (a month end to work out too, no published D) works out every key
    as before. Decided when the model compiles, before its pre-hook runs (and again when the
    pre-hook renders). The table's dates are read with DISTINCT: `in (select forecast_as_of
    ...)` hashed all 39 M dates of the line history at 1x large, 1.1-1.4 s a time. -#}
{% macro forecast_carry_forward() -%}
    {%- if not execute or not is_incremental() -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set kept_before = forecast_kept_before() -%}
    {%- set move = as_of_move() -%}
    {%- if kept_before is none or move is none -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set source = move.published -%}
    {%- set target = move.through -%}
    {%- if source >= target or "date '" ~ source ~ "'" >= kept_before -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set found = run_query(
        "select cast(forecast_as_of as varchar) from " ~ ref('int_forecast_origins')
        ~ " where not (forecast_as_of < " ~ kept_before ~ " and forecast_as_of in"
        ~ " (select distinct forecast_as_of from " ~ this ~ "))"
    ) -%}
    {%- if found.columns[0].values() | list != [target] -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set found = run_query(
        "select count(*) from (select 1 from " ~ this
        ~ " where forecast_as_of = date '" ~ source ~ "' limit 1)"
    ) -%}
    {%- if found.columns[0].values()[0] == 0 -%}
        {{- return(none) -}}
    {%- endif -%}
    {{- return({'source': source, 'target': target}) -}}
{%- endmacro %}

{#- The origins this run works out, a subquery of forecast_as_of: every origin on a first or
    full build; else those whose rows the pre-hook did not keep. -#}
{% macro forecast_origins_to_build() -%}
    (
        select forecast_as_of from {{ ref('int_forecast_origins') }}
        {%- if is_incremental() %}
        where forecast_as_of not in (select distinct forecast_as_of from {{ this }})
        {%- endif %}
    )
{%- endmacro %}

{#- A filter on a relation keyed by forecast date (its column `column`), opened by `keyword`
    (where / and): the row is of an origin this run works out. Nothing at all on a first or
    full build, so that a full build runs the very SQL it ran before the models became
    incremental: a semi-join to the 13 origins made DuckDB plan int_forecast_line_history
    differently (29 s against 22 at 1x large), and even `where true` cost
    int_forecast_line_states 1.5 s. -#}
{% macro forecast_where_built(column='forecast_as_of', keyword='where') -%}
    {%- if is_incremental() -%}
        {{ keyword }} {{ column }} in {{ forecast_origins_to_build() }}
    {%- endif -%}
{%- endmacro %}

{#- The config every incremental forecast model shares, and its dependency on the origins
    (the filters above ref them only on an incremental run, which dbt's parse does not see).
    carry_forward: the model may carry the published D's rows forward (see
    forecast_carry_forward). batched: a full build in batches (macros/batched.sql). -#}
{% macro forecast_incremental_config(carry_forward=false, batched=none) -%}
    -- depends_on: {{ ref('int_forecast_origins') }}
    {%- if carry_forward %}
    -- depends_on: {{ ref('int_as_of_date') }}
    {%- endif %}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ forecast_prune(carry_forward=" ~ carry_forward ~ ") }}",
        post_hook=["{{ forecast_drop_carried_source() }}"] if carry_forward else [],
        batched=batched,
    ) }}
{%- endmacro %}
