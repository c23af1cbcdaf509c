{{ config(meta={'dagster': {'ref': {'name': 'fct_marketing_efficiency'}}}) }}
{#- Spend is never lost to channel mapping: the marketing-efficiency mart holds every yuan
    of spend dated on or before D, per project. -#}
with staged as (
    select project_id, sum(spend_amount) as spend
    from {{ ref('stg_marketing__marketing_spend') }}
    where spend_date <= (select as_of_date from {{ ref('int_as_of_date') }})
    group by project_id
),

mart as (
    select project_id, sum(spend) as spend
    from {{ ref('fct_marketing_efficiency') }}
    group by project_id
)

select staged.project_id, staged.spend, mart.spend as mart_spend
from staged
left join mart on staged.project_id is not distinct from mart.project_id
where mart.spend is distinct from staged.spend
