{#- Generic tests of the sales, marketing and after-sales marts (dbt_utils cannot be fetched
    on these machines). Each returns the failing rows. -#}

{#- Rows where a boolean SQL expression over the model's columns is false. -#}
{% test sales_expression_is_true(model, expression, where=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{%- if where %} and ({{ where }}){% endif %}
{% endtest %}
