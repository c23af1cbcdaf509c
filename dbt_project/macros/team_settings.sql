{#- A number from the seed team_settings (edit the CSV, rebuild), as an integer SQL
    expression; the default applies when the row is missing. -#}
{% macro team_setting(name, default) -%}
coalesce((select try_cast(value as integer) from {{ ref('team_settings') }} where setting = '{{ name }}'), {{ default }})
{%- endmacro %}

{#- The customers received by D: one row per person (int_customers_folded) whose first
    contact is on or before D. The base of the cohorts, the follow-up lists and the monthly
    counts of customers received. -#}
{% macro team_customers_received() -%}
select c.*
from {{ ref('int_customers_folded') }} as c
cross join (select as_of_date from {{ ref('int_as_of_date') }}) as as_of
where c.first_contact_date <= as_of.as_of_date
{%- endmacro %}
