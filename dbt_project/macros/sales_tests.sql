{#- Generic tests of the sales, marketing and after-sales marts (dbt_utils cannot be fetched
    on these machines). Each returns the failing rows; restrict rows with `config: where:`. -#}

{#- Rows where a boolean SQL expression over the model's columns is not true. -#}
{% test sales_expression_is_true(model, expression, column_name=none) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), false)
{% endtest %}
