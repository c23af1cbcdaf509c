{#- 项目: one row per project, with the size of its inventory. -#}
with projects as (
    select * from {{ ref('stg_erp__projects') }}
),

units as (
    select
        project_id,
        count(*) as unit_count,
        sum(presale_area_m2) as presale_area_m2,
        sum(list_price) as list_price_amount
    from {{ ref('stg_erp__units') }}
    group by project_id
)

select
    projects.project_id,
    projects.project_name,
    projects.city,
    projects.division,
    projects.launch_date,
    coalesce(units.unit_count, 0) as unit_count,
    units.presale_area_m2,
    units.list_price_amount
from projects
left join units on projects.project_id = units.project_id
