{#- Prospects and neglected prospects at each month end (and at D), per consultant and
    project: int_customer_follow_up_snapshotted counted, the part of it fct_consultant_monthly
    reads. -#}
select
    consultant_id,
    project_id,
    snapshot_month,
    count(*) filter (where is_prospect and not is_lapsed) as prospects_at_month_end,
    count(*) filter (where is_neglected) as neglected_customers_at_month_end
from {{ ref('int_customer_follow_up_snapshotted') }}
group by all
