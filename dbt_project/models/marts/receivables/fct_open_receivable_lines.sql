{#- 未收应收明细 at D: the lines of fct_receivable_lines with something outstanding (about a
    tenth of them at 1x), in the order the receivables drill-down lists them — most days
    past due first, then the largest outstanding, then schedule_id — so its first page is
    read from a narrow table's first row groups instead of a filter over every line. -#}
select
    as_of_date,
    schedule_id,
    deal_id,
    contract_id,
    subscription_id,
    project_id,
    customer_id,
    payer,
    item,
    due_date,
    amount_due,
    outstanding_amount,
    days_past_due,
    aging_bucket
from {{ ref('fct_receivable_lines') }}
where outstanding_amount > 0
order by days_past_due desc, outstanding_amount desc, schedule_id
