{#- dbt's hook for a data test's `where` config, with one placeholder of this project:
    __forecast_origins_written__ stands for the forecast dates this run writes
    (forecast_as_of on or after HUILONG_FORECAST_KEPT_BEFORE; every date when that is
    unset). The forecast tables keep the rows of earlier dates as published, where they
    were tested when written, and a key that includes forecast_as_of cannot repeat across
    the kept and the written dates; so their tests read the written rows only (at 1x the
    uniqueness of int_forecast_line_history's 13 dates took 2.7 s of a day's rebuild).
    Resolved when the test runs, not when dbt parses the YAML, so a new date costs no
    parse. Otherwise as dbt's default__get_where_subquery. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- if '__forecast_origins_written__' in where -%}
            {%- set kept_before = forecast_kept_before() -%}
            {%- set written = 'true' if kept_before is none else 'forecast_as_of >= ' ~ kept_before -%}
            {%- set where = where | replace('__forecast_origins_written__', written) -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
