{#- 催收效果 by action type: per project, action type and month of the action, the cases
    acted on, promises made / kept / broken, and the money that followed (last-touch
    attribution, see fct_collection_action_outcomes). -#}
select
    project_id,
    action_type,
    action_month as month,
    count(*) as actions,
    count(distinct deal_id) as cases_acted_on,
    count(*) filter (where has_promise) as promises_made,
    count(*) filter (where promise_status = 'kept') as promises_kept,
    count(*) filter (where promise_status = 'broken') as promises_broken,
    count(*) filter (where promise_status = 'pending') as promises_pending,
    {{ sales_exact_div("count(*) filter (where promise_status = 'kept')",
        "count(*) filter (where promise_status in ('kept', 'broken'))", 6) }} as promise_kept_rate,
    sum(recovered_7d_amount)::decimal(18, 2) as recovered_7d_amount,
    sum(recovered_30d_amount)::decimal(18, 2) as recovered_30d_amount,
    count(*) filter (where days_to_payment is not null) as actions_followed_by_payment,
    median(days_to_payment) as median_days_to_payment,
    any_value(as_of_date) as as_of_date
from {{ ref('fct_collection_action_outcomes') }}
group by project_id, action_type, action_month
