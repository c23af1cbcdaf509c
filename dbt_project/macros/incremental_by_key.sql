{#- Shared by the models incremental by a key (contract, deal) over a move of D. -#}

{#- A filter on a relation's key column `column`, opened by `keyword` (and / where): the key
    is not in the table (`key`: its column there), so this run works it out; the pre-hook
    has deleted the keys to work out again. Nothing on a first or full build, which runs the
    SQL the model ran before it became incremental. -#}
{% macro where_not_kept(column, key, keyword='and') -%}
    {%- if is_incremental() -%}
        {{ keyword }} {{ column }} not in (select {{ key }} from {{ this }})
    {%- endif -%}
{%- endmacro %}

{#- The pre-hook of a table incremental by a key over a move of D (inside dbt's transaction,
    before the insert): when receipts alone changed and a published D is known, delete the
    rows the macro `not_kept` picks (called with as_of_move(), it gives a SQL condition on
    the table's rows); otherwise every row, and the body works out every key. Nothing on a
    first or full build. -#}
{% macro prune_on_as_of_move(not_kept) -%}
    {%- if is_incremental() -%}
        {%- set move = as_of_move() if only_receipts_changed() else none -%}
        delete from {{ this }}
        {%- if move is not none %}
        where {{ not_kept(move) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- How D moved since the warehouse this build started from: the D of the last published
    build (audit.builds) and this build's D, as {'after': the earlier, 'through': the later,
    'published': the published one} (ISO date strings); none without a published D (a
    first build, a dbt run by hand on a new file). Rows dated after `after` and on or before
    `through` are the ones a cut at D keeps at one of the two dates and drops at the other;
    when D did not move, no row is. -#}
{% macro as_of_move() -%}
    {%- if not execute -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set found = run_query(
        "select count(*) from duckdb_tables() where schema_name = 'audit' and table_name = 'builds'"
    ) -%}
    {%- if found.columns[0].values()[0] == 0 -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set found = run_query(
        "select cast(max_by(as_of_date, finished_at) as varchar) from audit.builds"
        ~ " where status = 'published'"
    ) -%}
    {%- set published = found.columns[0].values()[0] -%}
    {%- if published is none -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set found = run_query("select cast(as_of_date as varchar) from " ~ ref('int_as_of_date')) -%}
    {%- set current = found.columns[0].values()[0] -%}
    {{- return({
        'after': [published, current] | min,
        'through': [published, current] | max,
        'published': published,
    }) -}}
{%- endmacro %}

{#- A condition on the date `column`: dated between the two D of `move` (as_of_move()). -#}
{% macro between_as_of_dates(column, move) -%}
    ({{ column }} > date '{{ move.after }}' and {{ column }} <= date '{{ move.through }}')
{%- endmacro %}
