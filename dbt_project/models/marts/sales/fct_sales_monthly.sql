{#- 销售月报: per project and month (first day), the same measures as the daily overview,
    with the month's signing plan and the cancellation rate. Months with a plan but no
    activity are kept. -#}
with activity as (
    {{ sales_overview_measures("cast(date_trunc('month', event_date) as date)", 'month') }}
),

plans as (
    select project_id, month, sign_target_amount, sign_target_units
    from {{ ref('stg_marketing__sales_plans') }}
    where month <= (select as_of_date from {{ ref('int_as_of_date') }})
),

spine as (
    select project_id, month from activity
    union
    select project_id, month from plans
)

select
    spine.project_id,
    spine.month,
    {%- for c in sales_overview_columns() %}
    coalesce(activity.{{ c }}, 0) as {{ c }},
    {%- endfor %}
    plans.sign_target_amount,
    plans.sign_target_units,
    {{ sales_exact_div("coalesce(activity.contract_amount, 0)", "plans.sign_target_amount", 6) }}
        as sign_amount_achievement_rate,
    {{ sales_exact_div("coalesce(activity.contract_units, 0)", "plans.sign_target_units", 6) }}
        as sign_units_achievement_rate,
    {{ sales_exact_div("coalesce(activity.contract_cancellation_units, 0)",
        "activity.contract_units", 6) }} as cancellation_rate
from spine
left join activity on spine.project_id is not distinct from activity.project_id
    and spine.month = activity.month
left join plans on spine.project_id = plans.project_id and spine.month = plans.month
