{#- 坏账准备 coverage per project and month end: total provision against the receivable and
    against the overdue part of it. -#}
select
    month_end,
    project_id,
    cast(sum(outstanding_amount) as decimal(18, 2)) as outstanding_amount,
    cast(sum(outstanding_amount) filter (where aging_bucket <> 'not_due') as decimal(18, 2)) as overdue_amount,
    cast(sum(provision_amount) as decimal(18, 2)) as provision_amount,
    cast(sum(provision_amount) as double) / nullif(cast(sum(outstanding_amount) as double), 0) as provision_ratio,
    cast(sum(provision_amount) as double)
        / nullif(cast(sum(outstanding_amount) filter (where aging_bucket <> 'not_due') as double), 0) as coverage_ratio
from {{ ref('fct_provision_monthly') }}
group by month_end, project_id
