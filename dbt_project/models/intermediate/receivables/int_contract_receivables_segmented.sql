{#- Each live contract's total receivable as a step function of the date (metrics:
    "Receivables KPIs"): contract_amount minus the deal's net receipts up to t (both payers;
    reservation fees and buyer-payable refunds excluded), floored at zero. One row per period
    [segment_start_date, segment_end_date) with a constant positive receivable, while the
    contract is live (sign date to cancel date) and up to D. -#}
with as_of as (
    select as_of_date, cast(as_of_date + 1 as date) as end_date from {{ ref('int_as_of_date') }}
),

contracts as (
    select
        deals.deal_id,
        deals.project_id,
        deals.contract_amount,
        deals.sign_date as valid_from,
        least(coalesce(deals.deal_end_date, as_of.end_date), as_of.end_date) as valid_to
    from {{ ref('int_deals_joined') }} as deals
    cross join as_of
    where deals.contract_id is not null and deals.sign_date <= as_of.as_of_date
),

live_contracts as (
    select * from contracts where valid_from < valid_to
),

events as (
    select
        deal_id,
        event_date,
        sum(sum(day_receipts_amount)) over (
            partition by deal_id order by event_date rows between unbounded preceding and current row
        ) as running_receipts_amount
    from {{ ref('int_receipt_events_accumulated') }}
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
        and events.event_date < live_contracts.valid_to
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
