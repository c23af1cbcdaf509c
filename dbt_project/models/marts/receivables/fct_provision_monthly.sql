{#- 坏账准备 per month end, project, payer and aging bucket: the month-end aging history
    times the provision-rate matrix (seed receivables_provision_rates, by payer and bucket;
    defaults documented there). provision_amount is rounded to the fen per row. -#}
with aging as (
    select * from {{ ref('fct_ar_aging_history') }}
),

rates as (
    select payer, aging_bucket, provision_rate from {{ ref('receivables_provision_rates') }}
)

select
    aging.month_end,
    aging.project_id,
    aging.payer,
    aging.aging_bucket,
    aging.bucket_order,
    aging.outstanding_amount,
    coalesce(rates.provision_rate, 0) as provision_rate,
    cast(round(aging.outstanding_amount * coalesce(rates.provision_rate, 0), 2) as decimal(18, 2)) as provision_amount
from aging
left join rates on aging.payer = rates.payer and aging.aging_bucket = rates.aging_bucket
