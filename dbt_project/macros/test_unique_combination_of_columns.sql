{#- Rows whose combination of columns is not unique (dbt_utils' test, kept here because
    dbt packages cannot be fetched on these machines). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endtest %}
