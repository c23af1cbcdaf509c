{#- 账龄 as of D: outstanding per project, payer and aging bucket, every bucket listed (zero
    when empty) for every project and both payers, so that it has the same rows as a month
    end of fct_ar_aging_history. line_count counts lines with something outstanding. -#}
with lines as (
    select * from {{ ref('fct_receivable_lines') }}
),

projects as (
    select distinct project_id from {{ ref('int_deals_joined') }}
),

payers as (
    select * from (values ('customer'), ('bank')) as payers(payer)
),

grid as (
    select projects.project_id, payers.payer, buckets.aging_bucket, buckets.bucket_order
    from projects
    cross join payers
    cross join {{ receivables_aging_buckets_relation() }}
),

summed as (
    select
        project_id,
        payer,
        aging_bucket,
        sum(outstanding_amount) as outstanding_amount,
        count(*) filter (where outstanding_amount > 0) as line_count
    from lines
    group by project_id, payer, aging_bucket
)

select
    {{ as_of_date() }} as as_of_date,
    grid.project_id,
    grid.payer,
    grid.aging_bucket,
    grid.bucket_order,
    cast(coalesce(summed.outstanding_amount, 0) as decimal(18, 2)) as outstanding_amount,
    coalesce(summed.line_count, 0) as line_count
from grid
left join summed
    on grid.project_id is not distinct from summed.project_id
    and grid.payer = summed.payer
    and grid.aging_bucket = summed.aging_bucket
