{#- Each line's FIFO outstanding as a step function of the date: one row per period
    [segment_start_date, segment_end_date) over which the outstanding is constant and
    positive. The steps are the line's validity bounds and its deal-and-payer's receipt
    dates (the outstanding at t is min(max(C_i - P(t), 0), amount_due)). Month-end history,
    late fees and DSO are read off these segments instead of re-running N snapshots. -#}
with versions as (
    select * from {{ ref('int_schedule_lines_versioned') }}
),

events as (
    select * from {{ ref('int_receipt_events_accumulated') }}
),

initial_points as (
    select
        versions.schedule_id,
        versions.regime_start_date,
        versions.valid_from as point_date,
        coalesce(events.running_receipts_amount, 0) as paid_amount
    from versions
    asof left join events
        on versions.deal_id = events.deal_id
        and versions.payer = events.payer
        and versions.valid_from >= events.event_date
),

event_points as (
    select
        versions.schedule_id,
        versions.regime_start_date,
        events.event_date as point_date,
        events.running_receipts_amount as paid_amount
    from versions
    inner join events
        on versions.deal_id = events.deal_id
        and versions.payer = events.payer
        and events.event_date > versions.valid_from
        and events.event_date < versions.valid_to
),

points as (
    select * from initial_points
    union all
    select * from event_points
),

valued as (
    select
        points.schedule_id,
        points.regime_start_date,
        points.point_date,
        versions.valid_to,
        least(greatest(versions.cumulative_due_amount - points.paid_amount, 0), versions.amount_due)
            as outstanding_amount
    from points
    inner join versions
        on points.schedule_id = versions.schedule_id
        and points.regime_start_date = versions.regime_start_date
),

changes as (
    select
        *,
        lag(outstanding_amount) over (
            partition by schedule_id, regime_start_date order by point_date
        ) as previous_outstanding_amount
    from valued
),

kept as (
    select * from changes
    where previous_outstanding_amount is null or previous_outstanding_amount <> outstanding_amount
),

segments as (
    select
        schedule_id,
        regime_start_date,
        point_date as segment_start_date,
        coalesce(
            lead(point_date) over (partition by schedule_id, regime_start_date order by point_date),
            valid_to
        ) as segment_end_date,
        outstanding_amount
    from kept
)

select
    segments.schedule_id,
    segments.regime_start_date,
    versions.deal_id,
    versions.contract_id,
    versions.project_id,
    versions.customer_id,
    versions.payer,
    versions.item,
    versions.due_date,
    versions.amount_due,
    versions.sign_date,
    segments.segment_start_date,
    segments.segment_end_date,
    cast(segments.outstanding_amount as decimal(18, 2)) as outstanding_amount
from segments
inner join versions
    on segments.schedule_id = versions.schedule_id
    and segments.regime_start_date = versions.regime_start_date
where segments.outstanding_amount > 0
