{#- The deals and payers whose receipt events this build changed, when receipts are the only
    raw table that changed: the FIFO segments work out these again and keep the rest
    (macros/receivables_incremental.sql). Every pair when nothing was published; no rows
    after any other build. Found by a full join on the key with the published events (0.4 s
    at 1x large; EXCEPT ALL both ways took 2.9 s). Its post-hook drops that copy. -#}
{{ config(post_hook="{{ receivables_drop_published_events() }}") }}
{%- set events = ref('int_receipt_events_accumulated_all_dates') %}
{%- if only_receipts_changed() %}
select distinct
    coalesce(events.deal_id, published.deal_id) as deal_id,
    coalesce(events.payer, published.payer) as payer
from {{ events }} as events
full join {{ receivables_previous_events(events) }} as published
    on events.deal_id = published.deal_id
    and events.payer = published.payer
    and events.event_date = published.event_date
where events.deal_id is null
    or published.deal_id is null
    or events.day_receipts_amount <> published.day_receipts_amount
    or events.running_receipts_amount <> published.running_receipts_amount
    or events.previous_running_receipts_amount <> published.previous_running_receipts_amount
{%- else %}
select cast(null as varchar) as deal_id, cast(null as varchar) as payer
where false
{%- endif %}
