{#- 签约计划完成 by month, quarter and year per project: contracts signed in the period
    (gross, and net of contract cancellations in the period) against the sum of the monthly
    sign targets (sales_plans) of the period. Periods start on or before D. -#}
with monthly as (
    select * from {{ ref('fct_sales_monthly') }}
),

periods as (
    {%- for period in ['month', 'quarter', 'year'] %}
    {% if not loop.first %}union all{% endif %}
    select
        '{{ period }}' as period_type,
        cast(date_trunc('{{ period }}', month) as date) as period_start,
        project_id,
        cast(sum(contract_units) as bigint) as contract_units,
        sum(contract_amount) as contract_amount,
        cast(sum(contract_units) - sum(contract_cancellation_units) as bigint) as net_contract_units,
        sum(contract_amount) - sum(contract_cancellation_amount) as net_contract_amount,
        sum(sign_target_amount) as sign_target_amount,
        cast(sum(sign_target_units) as bigint) as sign_target_units
    from monthly
    group by all
    {%- endfor %}
)

select
    period_type,
    period_start,
    cast(case period_type
        when 'month' then period_start + interval 1 month
        when 'quarter' then period_start + interval 3 month
        else period_start + interval 1 year
    end - interval 1 day as date) as period_end,
    project_id,
    contract_units,
    contract_amount,
    net_contract_units,
    net_contract_amount,
    sign_target_amount,
    sign_target_units,
    {{ sales_exact_div("contract_amount", "sign_target_amount", 6) }} as amount_achievement_rate,
    {{ sales_exact_div("contract_units", "sign_target_units", 6) }} as units_achievement_rate
from periods
