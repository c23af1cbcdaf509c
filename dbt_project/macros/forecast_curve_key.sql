{#- The join condition "same forecast date, curve and key" between two relations that carry a
    payment-curve key (forecast_as_of, curve, curve_level, key_1, key_2, key_3): how open
    lines find their curve (int_forecast_line_states, int_forecast_line_weeks). -#}
{% macro forecast_curve_key_matches(left, right) -%}
    {%- for col in ['forecast_as_of', 'curve', 'curve_level', 'key_1', 'key_2', 'key_3'] %}
        {% if not loop.first %}and {% endif %}{{ left }}.{{ col }} = {{ right }}.{{ col }}
    {%- endfor %}
{%- endmacro %}
