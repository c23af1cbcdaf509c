{#- The forecast dates F that fall in a period [start, end): the rule by which a row that
    holds from one date until the next (a schedule line's regime, a service's state) is the
    row in force at each F. The origins' dates as one list (a one-row CTE of the model) are
    filtered per row and unnested, with no join on the forecast dates: at 4x large a range or
    ASOF join of every row and F sorted tens of millions of rows (13 M lines in
    int_forecast_line_history, 30 M service pairs in int_forecast_loan_services).

    end null = open (the row still holds). `also` is a further condition on the lambda's
    variable `f` (as SQL text), e.g. a learning window. -#}

{#- The list of the forecast dates in [start, end) (unnest it for a row per F). -#}
{% macro forecast_dates_in_period(origin_dates, start, end, also=none) -%}
    list_filter(
            {{ origin_dates }},
            lambda f: f >= {{ start }}
                and ({{ end }} is null or f < {{ end }})
                {%- if also %}
                and {{ also }}
                {%- endif %}
        )
{%- endmacro %}
