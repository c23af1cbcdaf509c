{#- Net deal receipts per deal, payer and receipt date, with the running total P(t): the
    change points of every FIFO balance. Reservation fees excluded; refunds negative.

    Not cut at D (int_receipt_events_accumulated is the view of it up to D): a running total
    at a date reads only earlier dates, so cutting later gives the same rows. Its pre-hook
    keeps the published rows for int_receipt_events_changed to compare with
    (macros/receivables_incremental.sql). -#}
{{ config(pre_hook="{{ receivables_keep_published_events() }}") }}
with receipts as (
    select * from {{ ref('int_receipts_keyed') }}
    where is_fifo_receipt and receipt_date is not null
),

daily as (
    select deal_id, payer, receipt_date as event_date, sum(receipt_amount) as day_receipts_amount
    from receipts
    group by deal_id, payer, receipt_date
),

accumulated as (
    select
        deal_id,
        payer,
        event_date,
        day_receipts_amount,
        sum(day_receipts_amount) over (
            partition by deal_id, payer order by event_date rows between unbounded preceding and current row
        ) as running_receipts_amount
    from daily
)

select
    deal_id,
    payer,
    event_date,
    cast(day_receipts_amount as decimal(18, 2)) as day_receipts_amount,
    cast(running_receipts_amount as decimal(18, 2)) as running_receipts_amount,
    cast(running_receipts_amount - day_receipts_amount as decimal(18, 2)) as previous_running_receipts_amount
from accumulated
