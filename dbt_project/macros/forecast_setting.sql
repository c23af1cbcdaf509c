{#- One value of seed forecast_settings as a scalar SQL expression of the given type. -#}
{% macro forecast_setting(name, type='integer') -%}
    (select cast(value as {{ type }}) from {{ ref('forecast_settings') }} where setting = '{{ name }}')
{%- endmacro %}
