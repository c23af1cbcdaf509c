{{ config(meta={'dagster': {'ref': {'name': 'fct_inventory_summary'}}}) }}
{#- Every unit has exactly one status at D, so the statuses add up to the project's units,
    and saleable value is the list price of the available units. -#}
select project_id
from {{ ref('fct_inventory_summary') }} as summary
where unreleased_units + available_units + subscribed_units + signed_units <> total_units
   or saleable_value_amount <> coalesce((
        select sum(list_price_amount) from {{ ref('fct_inventory_units') }} as units
        where units.project_id is not distinct from summary.project_id
            and units.status_at_as_of = 'available'), 0)
