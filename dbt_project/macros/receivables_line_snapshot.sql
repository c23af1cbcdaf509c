{#- The receivable lines as of one date (metrics: "Receivables and aging"), as a query.

    For each deal live at D and each payer, net receipts P (refunds negative, receipt_date
    <= D; reservation fees and refunds of buyer payables excluded, see int_receipts_keyed) pay the positive lines existing at D in order of
    (due_date, schedule_id): with C_i the running sum of amounts due, line i's outstanding is
    min(max(C_i - P, 0), amount_due_i). dates_query is a query whose column as_of_date holds
    the date(s) D to take the snapshot at. Used by int_receivable_lines (D = the build's
    as-of date) and by the invariant that the month-end history equals this snapshot.
    deals_where (optional, opened by `and`) limits the lines to some deals, and the receipts
    summed to those deals: an incremental run works out the deals it does not keep. -#}
{% macro receivables_line_snapshot(dates_query, deals_where='') -%}
with snapshot_date as (
    {{ dates_query }}
),

snapshot_lines as (
    select lines.*, snapshot_date.as_of_date
    from {{ ref('int_schedule_lines_keyed') }} as lines
    cross join snapshot_date
    where lines.amount_due > 0
        and lines.line_start_date <= snapshot_date.as_of_date
        and {{ deal_live_at('snapshot_date.as_of_date', 'lines') }}
        {{ deals_where }}
),

snapshot_paid as (
    select snapshot_date.as_of_date, receipts.deal_id, receipts.payer, sum(receipts.receipt_amount) as net_receipts_amount
    from {{ ref('int_receipts_keyed') }} as receipts
    cross join snapshot_date
    where receipts.is_fifo_receipt and receipts.receipt_date <= snapshot_date.as_of_date
    {%- if deals_where %}
        and receipts.deal_id in (select deal_id from snapshot_lines)
    {%- endif %}
    group by snapshot_date.as_of_date, receipts.deal_id, receipts.payer
),

snapshot_fifo as (
    select
        snapshot_lines.*,
        sum(snapshot_lines.amount_due) over (
            partition by snapshot_lines.as_of_date, snapshot_lines.deal_id, snapshot_lines.payer
            order by snapshot_lines.due_date, snapshot_lines.schedule_id
            rows between unbounded preceding and current row
        ) as cumulative_due_amount,
        coalesce(snapshot_paid.net_receipts_amount, 0) as net_receipts_amount
    from snapshot_lines
    left join snapshot_paid
        on snapshot_lines.as_of_date = snapshot_paid.as_of_date
        and snapshot_lines.deal_id = snapshot_paid.deal_id
        and snapshot_lines.payer = snapshot_paid.payer
)

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
    cast(least(greatest(cumulative_due_amount - net_receipts_amount, 0), amount_due) as decimal(18, 2))
        as outstanding_amount,
    cast(as_of_date - due_date as integer) as days_past_due,
    {{ receivables_aging_bucket('(as_of_date - due_date)') }} as aging_bucket,
    cast(cumulative_due_amount as decimal(18, 2)) as cumulative_due_amount,
    cast(net_receipts_amount as decimal(18, 2)) as net_receipts_amount
from snapshot_fifo
{%- endmacro %}
