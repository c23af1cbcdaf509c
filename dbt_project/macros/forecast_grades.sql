{#- Each customer's credit grade at every forecast date F, packed into one 128-bit integer
    per customer, for the models that look the grade up on every line at every F.

    int_forecast_customer_grades has a row per (F, customer): 49 M at 4x large. Joined on
    (F, customer), that build side did not fit in the build's memory cap and the join of the
    139 M history rows spilled (43 s of CPU in a 54 s int_forecast_delay_observations; 22 s
    without the cap). Packed, the join is on the customer alone, 4.4 M rows that fit (1 s),
    and the grade at F is read off the integer.

    Layout: F's slot is its rank among the forecast dates (0 = earliest); slot k holds the
    grade's code in bits 4k..4k+3; a code is the grade's position in the seed
    receivables_credit_grades sorted by name (1..15), 0 = no grade at F (ungraded). So up to
    31 forecast dates (backtest_origins <= 30) and 15 grades; more stops the build with an
    error naming the limit. -#}

{#- The forecast dates with their slots. -#}
{% macro forecast_grade_slots() -%}
    select
        forecast_as_of,
        cast(case
            when count(*) over () > 31
                then error('forecast grades: more than 31 forecast dates to pack (backtest_origins > 30)')
            else row_number() over (order by forecast_as_of) - 1
        end as integer) as grade_slot
    from {{ ref('int_forecast_origins') }}
{%- endmacro %}

{#- The grades' names in code order (code k = item k of the list). -#}
{% macro forecast_grade_names() -%}
    (
        select case
            when count(*) > 15
                then error('forecast grades: more than 15 credit grades to pack (seed receivables_credit_grades)')
            else list(credit_grade order by credit_grade)
        end
        from {{ ref('receivables_credit_grades') }}
    )
{%- endmacro %}

{#- One row per graded customer: customer_id, credit_grade_codes (the packed grades at the
    forecast dates this run builds). -#}
{% macro forecast_grades_packed() -%}
    select
        grades.customer_id,
        sum(
            cast(list_position({{ forecast_grade_names() }}, grades.credit_grade) as hugeint)
                << (4 * slots.grade_slot)
        ) as credit_grade_codes
    from {{ ref('int_forecast_customer_grades') }} as grades
    inner join ({{ forecast_grade_slots() }}) as slots
        on grades.forecast_as_of = slots.forecast_as_of
    {{ forecast_where_built('grades.forecast_as_of') }}
    group by grades.customer_id
{%- endmacro %}

{#- The grade's code at a slot (0: ungraded; also when codes is null, a customer never graded). -#}
{% macro forecast_grade_code_at(codes, slot) -%}
    coalesce(cast(({{ codes }} >> (4 * {{ slot }})) & 15 as integer), 0)
{%- endmacro %}

{#- A code's grade name, 'ungraded' for 0. -#}
{% macro forecast_grade_name(code) -%}
    coalesce(list_extract({{ forecast_grade_names() }}, {{ code }}), 'ungraded')
{%- endmacro %}
