{#- The build's as-of date D as a SQL expression (see int_as_of_date). -#}
{% macro as_of_date() -%}
    (select as_of_date from {{ ref('int_as_of_date') }})
{%- endmacro %}
