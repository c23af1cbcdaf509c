{#- The receivable lines open at each forecast date F (outstanding > 0), read off the lines'
    FIFO outstanding step functions (int_line_balances_segmented): the segment covering F.
    That is the FIFO rule of fct_receivable_lines applied at F (lines existing at F of deals
    live at F, paid by the receipts dated on or before F), which the receivables history
    test checks against the snapshot macro; the 13 origins are a range join, not 13 FIFO
    sorts of every line. A segment ends by D + 1, and F <= D. -#}
{{ forecast_incremental_config() }}
with origins as (
    select forecast_as_of from {{ ref('int_forecast_origins') }}
    {{ forecast_where_built() }}
),

segments as (
    select * from {{ ref('int_line_balances_segmented') }}
)

select
    origins.forecast_as_of,
    segments.schedule_id,
    segments.deal_id,
    segments.contract_id,
    segments.subscription_id,
    segments.project_id,
    segments.customer_id,
    segments.payer,
    segments.item,
    segments.due_date,
    segments.amount_due,
    segments.outstanding_amount,
    cast(origins.forecast_as_of - segments.due_date as integer) as days_past_due
from segments
inner join origins
    on segments.segment_start_date <= origins.forecast_as_of
    and origins.forecast_as_of < segments.segment_end_date
