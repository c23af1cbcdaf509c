{#- Rows of a receivables model where a boolean SQL expression over its columns is not true
    (dbt_utils' expression_is_true, kept here because packages cannot be fetched). -#}
{% test receivables_expression_is_true(model, expression, column_name=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% endtest %}
