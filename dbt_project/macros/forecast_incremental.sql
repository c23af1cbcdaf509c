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
    drop the rows of every origin not kept. -#}
{% macro forecast_prune() -%}
    {%- if is_incremental() -%}
        {%- set kept_before = forecast_kept_before() -%}
        {%- if kept_before is none -%}
            delete from {{ this }}
        {%- else -%}
            delete from {{ this }}
            where not (
                forecast_as_of < {{ kept_before }}
                and forecast_as_of in (select forecast_as_of from {{ ref('int_forecast_origins') }})
            )
        {%- endif -%}
    {%- endif -%}
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
    (the filters above ref them only on an incremental run, which dbt's parse does not see). -#}
{% macro forecast_incremental_config() -%}
    -- depends_on: {{ ref('int_forecast_origins') }}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ forecast_prune() }}",
    ) }}
{%- endmacro %}
