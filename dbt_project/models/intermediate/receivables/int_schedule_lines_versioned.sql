{#- int_schedule_lines_versioned_all_dates up to D: each version's valid_to capped at D + 1,
    and the versions that start after D left out. A view, so that a new D costs its readers
    this step instead of a copy of every version. -#}
{{ config(materialized='view') }}
{%- set end_date = as_of_date_literal() ~ ' + 1' %}

with capped as (
    select
        versions.* exclude (valid_to),
        least(coalesce(versions.valid_to, {{ end_date }}), {{ end_date }}) as valid_to
    from {{ ref('int_schedule_lines_versioned_all_dates') }} as versions
)

select *
from capped
where valid_from < valid_to
