{#- Each contract's total receivable as a step function of the date (metrics: "Receivables
    KPIs"): contract_amount minus the deal's net receipts up to t (both payers; reservation
    fees and buyer-payable refunds excluded), floored at zero. One row per period
    [segment_start_date, segment_end_date) with a constant positive receivable, while the
    contract is live (sign date to cancel date).

    Not cut at D (int_contract_receivables_segmented is the view of it up to D): the deals
    and events it reads are not, and the segments starting on or before D are those of the
    cut inputs, their ends capped at D + 1. So a day of new receipts works out again only the
    deals whose events changed (macros/receivables_incremental.sql). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ receivables_segments_prune(['deal_id']) }}",
) }}
-- depends_on: {{ ref('int_receipt_events_changed') }}
with contracts as (
    select
        deals.deal_id,
        deals.project_id,
        deals.contract_amount,
        deals.sign_date as valid_from,
        -- null while the deal has not ended (the view ends it at D + 1)
        deals.deal_end_date as valid_to
    from {{ ref('int_deals_joined') }} as deals
    where deals.contract_id is not null and deals.sign_date is not null
    {{ receivables_where_changed('deals', ['deal_id'], 'and') }}
),

live_contracts as (
    select * from contracts where valid_to is null or valid_from < valid_to
),

events as (
    select
        deal_id,
        event_date,
        sum(sum(day_receipts_amount)) over (
            partition by deal_id order by event_date rows between unbounded preceding and current row
        ) as running_receipts_amount
    from {{ ref('int_receipt_events_accumulated_all_dates') }} as events
    {{ receivables_where_changed('events', ['deal_id']) }}
    group by deal_id, event_date
),

points as (
    select live_contracts.deal_id, live_contracts.valid_from as point_date,
        coalesce(events.running_receipts_amount, 0) as paid_amount
    from live_contracts
    asof left join events
        on live_contracts.deal_id = events.deal_id
        and live_contracts.valid_from >= events.event_date
    union all
    select live_contracts.deal_id, events.event_date, events.running_receipts_amount
    from live_contracts
    inner join events
        on live_contracts.deal_id = events.deal_id
        and events.event_date > live_contracts.valid_from
        and (live_contracts.valid_to is null or events.event_date < live_contracts.valid_to)
),

valued as (
    select
        points.deal_id,
        points.point_date,
        live_contracts.valid_to,
        greatest(live_contracts.contract_amount - points.paid_amount, 0) as receivable_amount
    from points
    inner join live_contracts on points.deal_id = live_contracts.deal_id
),

changes as (
    select *, lag(receivable_amount) over (partition by deal_id order by point_date) as previous_amount
    from valued
),

segments as (
    select
        deal_id,
        point_date as segment_start_date,
        -- null: the last change point of a contract not ended (the view ends it at D + 1)
        coalesce(lead(point_date) over (partition by deal_id order by point_date), valid_to) as segment_end_date,
        receivable_amount
    from changes
    where previous_amount is null or previous_amount <> receivable_amount
)

select
    segments.deal_id,
    live_contracts.project_id,
    segments.segment_start_date,
    segments.segment_end_date,
    cast(segments.receivable_amount as decimal(18, 2)) as receivable_amount
from segments
inner join live_contracts on segments.deal_id = live_contracts.deal_id
where segments.receivable_amount > 0
