{#- The build's as-of date D as a SQL expression (see int_as_of_date). -#}
{% macro as_of_date() -%}
    (select as_of_date from {{ ref('int_as_of_date') }})
{%- endmacro %}

{#- D as a date literal, read when the model runs (its ref of int_as_of_date has dbt build D
    first). Behind a subquery (or a join to int_as_of_date) a cut at D is a join to one row,
    which DuckDB estimated at about 1% of the rows it keeps, and plans built on that estimate
    can be slow: fct_collection_action_outcomes took 8.6 s at 1x large, 6.6 s with literals.
    A literal is estimated from the column's statistics and can skip row groups. A model
    using it is made again whenever D changes, since it is downstream of int_as_of_date.
    Where D is not built yet (a parse, a compile before the first build) it is the subquery.
    No unit test covers a model using it (a unit test's D is rows in its YAML). -#}
{% macro as_of_date_literal() -%}
    {%- set relation = ref('int_as_of_date') -%}
    {%- if execute and load_relation(relation) is not none -%}
        {%- set found = run_query('select cast(as_of_date as varchar) from ' ~ relation) -%}
        date '{{ found.columns[0].values()[0] }}'
    {%- else -%}
        {{ as_of_date() }}
    {%- endif -%}
{%- endmacro %}

{#- The one rule of a deal live at a date: started by then (认购 or 签约), and not ended
    (退房, 换房 or the deal's own end) by then. A deal that ends on the date is no longer
    live on it; one that starts on it is. ``alias`` is the relation holding deal_start_date
    and deal_end_date; ``at`` a SQL date expression. -#}
{% macro deal_live_at(at, alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    ({{ p }}deal_start_date <= {{ at }} and {{ deal_not_ended_at(at, alias) }})
{%- endmacro %}

{#- The end half of deal_live_at, where the start is already known to be before ``at``. -#}
{% macro deal_not_ended_at(at, alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    ({{ p }}deal_end_date is null or {{ p }}deal_end_date > {{ at }})
{%- endmacro %}
