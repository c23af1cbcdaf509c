{#- A number from the seed team_settings (edit the CSV, rebuild), as an integer SQL
    expression; the default applies when the row is missing. -#}
{% macro team_setting(name, default) -%}
coalesce((select try_cast(value as integer) from {{ ref('team_settings') }} where setting = '{{ name }}'), {{ default }})
{%- endmacro %}
