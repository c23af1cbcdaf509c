{#- The receivable lines open at each forecast date F (outstanding > 0), with the FIFO rule of
    fct_receivable_lines applied at F (macro receivables_line_snapshot): lines existing at
    F of deals live at F, paid by the receipts dated on or before F. -#}
with snapshot as (
    {{ receivables_line_snapshot(
        "select forecast_as_of as as_of_date from " ~ ref('int_forecast_origins'), open_only=true
    ) }}
)

select
    as_of_date as forecast_as_of,
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
    days_past_due
from snapshot
where outstanding_amount > 0
