{#- 销售排行 at D: each project's contracts signed in D's month, D's year to date and in
    total (live at D), its sell-through, and its rank on each (1 = best; ties share a rank). -#}
with contracts as (
    select * from {{ ref('fct_contracts') }}
),

inventory as (
    select * from {{ ref('fct_inventory_summary') }}
),

projects as (
    select project_id, project_name from {{ ref('dim_project') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

totals as (
    select
        contracts.project_id,
        count(*) filter (where contracts.sign_month = date_trunc('month', as_of.as_of_date))
            as month_contract_units,
        coalesce(sum(contracts.contract_amount) filter (
            where contracts.sign_month = date_trunc('month', as_of.as_of_date)), 0)
            as month_contract_amount,
        count(*) filter (where year(contracts.sign_date) = year(as_of.as_of_date))
            as ytd_contract_units,
        coalesce(sum(contracts.contract_amount) filter (
            where year(contracts.sign_date) = year(as_of.as_of_date)), 0)
            as ytd_contract_amount,
        count(*) filter (where contracts.status_at_as_of = 'live') as live_contract_units,
        coalesce(sum(contracts.contract_amount) filter (
            where contracts.status_at_as_of = 'live'), 0) as live_contract_amount
    from contracts
    cross join as_of
    group by contracts.project_id
),

combined as (
    select
        inventory.project_id,
        projects.project_name,
        inventory.as_of_date,
        coalesce(totals.month_contract_units, 0) as month_contract_units,
        coalesce(totals.month_contract_amount, 0) as month_contract_amount,
        coalesce(totals.ytd_contract_units, 0) as ytd_contract_units,
        coalesce(totals.ytd_contract_amount, 0) as ytd_contract_amount,
        coalesce(totals.live_contract_units, 0) as live_contract_units,
        coalesce(totals.live_contract_amount, 0) as live_contract_amount,
        inventory.sell_through_rate,
        inventory.saleable_value_amount
    from inventory
    left join totals on inventory.project_id is not distinct from totals.project_id
    left join projects on inventory.project_id = projects.project_id
)

select
    *,
    rank() over (order by month_contract_amount desc) as month_amount_rank,
    rank() over (order by ytd_contract_amount desc) as ytd_amount_rank,
    rank() over (order by live_contract_amount desc) as live_amount_rank,
    rank() over (order by sell_through_rate desc nulls last) as sell_through_rank
from combined
