{#- Tables built in batches, so that a model's working set stays under DuckDB's memory cap
    as the data grows.

    Past the cap DuckDB spills its hash tables to disk, and a model's time grows faster than
    its data: at 4x large most of the slowest models took 5-8x their 1x time under the same
    2.5 GB cap. A model whose rows each depend on the input rows of one key alone (a
    customer, a deal) can instead be built a share of its keys at a time: the first batch
    creates the table, each next one inserts, and every batch reads its inputs through
    batch_filter(key), which keeps the keys of the running batch. Each batch then holds
    1/n of the working set in memory, for the price of reading the inputs n times.

    A model opts in with config(batched={'rows_of': '<a model it reads>', 'rows_per_gb': R}):
    the number of batches is the rows of that model over R rows per GB of the cap
    (HUILONG_DUCKDB_MEMORY_LIMIT, as profiles.yml), at least 1. R is measured per model,
    the split that ran fastest at 1x large under a 625 MB cap (a quarter of 2.5 GB: the
    rows per GB of 4x data under the build's cap), one dbt run against the other:
    int_customer_follow_up_touches 9.7 -> 6.3 s in 4 batches (R 5 M contacts),
    int_line_balances_segmented_all_dates 23.9 -> 16.0 s in 4 (R 2 M versions),
    int_schedule_lines_versioned_all_dates 10.8 -> 8.5 s in 4 (R 2 M lines),
    int_forecast_line_history 15.1 -> 12.3 s in 4 (R 2 M lines),
    int_collection_action_outcomes 16.5 -> 12.7 s in 5 (R 1 M actions). Under the 2.5 GB cap
    the 1x data is one batch each (two for the collection outcomes: 7.0-8.1 s either way).
    Not every model gains: int_forecast_line_states took 27 -> 39 s in 5 batches, as each
    worked out its curve lookups again; it is built whole.

    The running batch is a DuckDB variable (huilong_batches, huilong_batch) set on dbt's
    connection around the model's statements; batch_filter reads it, and reads "one batch
    of one" when it is not set (dbt compile, unit tests, queries by hand), so the model's
    SQL is the whole table everywhere else. An incremental run is not batched
    (batches_apply). A statement that fails between the two leaves the variables set on the
    connection, but every batched build sets them before it reads them, and nothing else
    reads them. -#}

{#- Whether the running model is built in batches: configured `batched`, and not an
    incremental run. Such a run's table of the keys it works out again (a day's few changed
    keys) is small, and its SQL stays as before batching: with the filter (`% 1 = 0` over
    every row) the 4x large one-day rebuild ran int_forecast_line_history out of memory,
    which it had built in 20.8 s without. batch_filter and create_table_as both ask here,
    so the filter and the split cannot disagree. -#}
{% macro batches_apply() -%}
    {{- return(config.get('batched') is not none and not is_incremental()) -}}
{%- endmacro %}

{#- A filter keeping the rows whose `column` falls in the running batch (every row outside a
    batched build; `true` where batches do not apply, e.g. in a model not configured
    `batched` that shares the macro calling it). The cast keeps the modulo in UBIGINT, hash's type: with the variables'
    INTEGER it went through HUGEINT, 2 s against 0.16 s over 12 M rows. -#}
{% macro batch_filter(column) -%}
    {%- if batches_apply() -%}
hash({{ column }}) % cast(coalesce(getvariable('huilong_batches'), 1) as ubigint)
    = cast(coalesce(getvariable('huilong_batch'), 0) as ubigint)
    {%- else -%}
true
    {%- endif -%}
{%- endmacro %}

{#- A memory size as DuckDB takes it (2500MB, 2.5GB, 2GiB) in GB. -#}
{% macro batch_size_gb(text) -%}
    {%- set found = modules.re.match(
        '^\s*([0-9]+(?:\.[0-9]+)?)\s*(KB|MB|GB|TB|KIB|MIB|GIB|TIB)\s*$', text | upper) -%}
    {%- if not found -%}
        {%- do exceptions.raise_compiler_error(
            "memory limit '" ~ text ~ "' (HUILONG_DUCKDB_MEMORY_LIMIT) is not a size such as 2500MB or 3GB") -%}
    {%- endif -%}
    {#- in bytes first, so that 2500MB is 2.5 GB exactly -#}
    {%- set bytes = {'KB': 1e3, 'MB': 1e6, 'GB': 1e9, 'TB': 1e12,
        'KIB': 1024, 'MIB': 1024 ** 2, 'GIB': 1024 ** 3, 'TIB': 1024 ** 4} -%}
    {{- return((found.group(1) | float) * bytes[found.group(2)] / 1e9) -}}
{%- endmacro %}

{#- The batches for `rows` input rows at `rows_per_gb` under the cap `memory_limit` (a size):
    ceil(rows / (rows_per_gb x the cap in GB)), at least 1. To see a split without a build:
    dbt compile --inline "select {{ batches_for(12206989, 5000000, '625MB') }}" (4). -#}
{% macro batches_for(rows, rows_per_gb, memory_limit) -%}
    {%- set per_batch = rows_per_gb * batch_size_gb(memory_limit) -%}
    {{- return([1, (rows / per_batch) | round(0, 'ceil') | int] | max) -}}
{%- endmacro %}

{#- How many batches the running model is built in: batches_for the rows of `rows_of` under
    the build's cap (HUILONG_DUCKDB_MEMORY_LIMIT, as profiles.yml: default 2500MB); or
    HUILONG_BATCHES when set (every batched model in that many, whatever its size: the
    tests' way to build small data in several). -#}
{% macro batch_count(batched) -%}
    {%- if not execute -%}
        {{- return(1) -}}
    {%- endif -%}
    {%- set forced = env_var('HUILONG_BATCHES', '') | trim -%}
    {%- if forced -%}
        {%- if not forced.isdigit() or forced | int < 1 -%}
            {%- do exceptions.raise_compiler_error(
                "HUILONG_BATCHES=" ~ forced ~ " is not a whole number of batches, 1 or more") -%}
        {%- endif -%}
        {{- return(forced | int) -}}
    {%- endif -%}
    {%- set rows = run_query('select count(*) from ' ~ ref(batched['rows_of'])).columns[0].values()[0] -%}
    {{- return(batches_for(rows, batched['rows_per_gb'],
        env_var('HUILONG_DUCKDB_MEMORY_LIMIT', '2500MB'))) -}}
{%- endmacro %}

{#- dbt-duckdb's create_table_as, in batches where batches apply; anywhere else (and for any
    non-SQL model, and an incremental run's temporary table) dbt-duckdb's own. -#}
{% macro duckdb__create_table_as(temporary, relation, compiled_code, language='sql', partitioned_by=none, sorted_by=none) -%}
    {%- set batched = config.get('batched') -%}
    {%- if batched and (config.get('contract').enforced or partitioned_by or sorted_by) -%}
        {%- do exceptions.raise_compiler_error(
            model.name ~ ": a batched model has no enforced contract, partitioned_by or sorted_by") -%}
    {%- endif -%}
    {%- if language == 'sql' and not temporary and batches_apply() -%}
        {%- set batches = batch_count(batched) -%}
        {%- do log(model.name ~ ': built in ' ~ batches ~ ' batch' ~ ('es' if batches > 1 else ''), info=true) -%}
set variable huilong_batches = {{ batches }};
        {%- for batch in range(batches) %}
set variable huilong_batch = {{ batch }};
            {%- if loop.first %}
create table {{ relation }} as (
{{ compiled_code }}
);
            {%- else %}
insert into {{ relation }} select * from (
{{ compiled_code }}
) as model_subq;
            {%- endif %}
        {%- endfor %}
reset variable huilong_batches;
reset variable huilong_batch;
    {%- else -%}
        {{- dbt.duckdb__create_table_as(temporary, relation, compiled_code, language, partitioned_by, sorted_by) -}}
    {%- endif -%}
{%- endmacro %}
