{#- The join condition "same forecast date, curve and key" between two relations that carry a
    payment-curve key (forecast_as_of, curve, curve_level, key_1, key_2, key_3): how open
    lines find their curve (int_forecast_line_states, int_forecast_line_weeks). `slot` names
    the left side's key columns when it carries several candidate keys (c1_curve_level, ...). -#}
{% macro forecast_curve_key_matches(left, right, slot='') -%}
    {%- for col in ['forecast_as_of', 'curve', 'curve_level', 'key_1', 'key_2', 'key_3'] %}
        {% if not loop.first %}and {% endif %}{{ left }}.{{ slot if loop.index > 2 else '' }}{{ col }} = {{ right }}.{{ col }}
    {%- endfor %}
{%- endmacro %}
