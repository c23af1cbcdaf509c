{#- Each line's FIFO outstanding as a step function of the date: one row per period
    [segment_start_date, segment_end_date) over which the outstanding is constant and
    positive. The steps are the line's validity bounds and its deal-and-payer's receipt
    dates that move it (the outstanding at t is min(max(C_i - P(t), 0), amount_due)), so a
    line keeps only the few receipts that pay it, not every receipt of its deal. History,
    late fees and DSO are read off these segments instead of re-running N snapshots.

    Not cut at D (int_line_balances_segmented is the view of it up to D): the versions and
    events it reads are not, and the segments starting on or before D are those of the cut
    inputs, their ends capped at D + 1. A segment's start and value read only versions and
    events dated on or before it, and its end is the next change point or the version's end.
    So a day of new receipts works out again only the deals and payers whose events changed
    (macros/receivables_incremental.sql). A full build works out a share of the deals at a
    time when the versions outgrow DuckDB's cap (macros/batched.sql). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ receivables_segments_prune(['deal_id', 'payer']) }}",
    batched={'rows_of': 'int_schedule_lines_versioned_all_dates', 'rows_per_gb': 2000000},
) }}
-- depends_on: {{ ref('int_receipt_events_changed') }}
-- a version is (schedule_id, regime_start_date). The CTE is read twice, so DuckDB materialises
-- it with every column it names: only those the points need (with all 15, at 4x large the
-- 19 M versions were 3.3 GB to materialise and sort: 53-72 s, now 42-47 s). The rest is read once, by
-- the join back at the end.
with versions as (
    select
        schedule_id, regime_start_date, deal_id, payer, valid_from, valid_to,
        cumulative_due_amount, amount_due
    from {{ ref('int_schedule_lines_versioned_all_dates') }} as versions
    where {{ batch_filter('versions.deal_id') }}
    {{ receivables_where_changed('versions', ['deal_id', 'payer'], 'and') }}
),

events as (
    select * from {{ ref('int_receipt_events_accumulated_all_dates') }} as events
    where {{ batch_filter('events.deal_id') }}
    {{ receivables_where_changed('events', ['deal_id', 'payer'], 'and') }}
),

initial_points as (
    select
        versions.schedule_id,
        versions.regime_start_date,
        versions.valid_from as point_date,
        versions.valid_to,
        versions.cumulative_due_amount,
        versions.amount_due,
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
        versions.valid_to,
        versions.cumulative_due_amount,
        versions.amount_due,
        events.running_receipts_amount as paid_amount
    from versions
    inner join events
        on versions.deal_id = events.deal_id
        and versions.payer = events.payer
        and events.event_date > versions.valid_from
        and (versions.valid_to is null or events.event_date < versions.valid_to)
        -- only the events that move this line's outstanding: P passes through
        -- (C - amount_due, C), the range where min(max(C - P, 0), amount_due) varies
        and greatest(events.previous_running_receipts_amount, events.running_receipts_amount)
            > versions.cumulative_due_amount - versions.amount_due
        and least(events.previous_running_receipts_amount, events.running_receipts_amount)
            < versions.cumulative_due_amount
),

valued as (
    select
        schedule_id,
        regime_start_date,
        point_date,
        valid_to,
        least(greatest(cumulative_due_amount - paid_amount, 0), amount_due) as outstanding_amount
    from (
        select * from initial_points
        union all
        select * from event_points
    )
),

changes as (
    select
        *,
        lag(outstanding_amount) over (
            partition by schedule_id, regime_start_date order by point_date
        ) as previous_outstanding_amount
    from valued
),

segments as (
    select
        schedule_id,
        regime_start_date,
        point_date as segment_start_date,
        -- null: the last change point of a version with no end yet (the view ends it at D + 1)
        coalesce(
            lead(point_date) over (partition by schedule_id, regime_start_date order by point_date),
            valid_to
        ) as segment_end_date,
        outstanding_amount
    from changes
    where previous_outstanding_amount is null or previous_outstanding_amount <> outstanding_amount
)

select
    versions.schedule_id,
    versions.regime_start_date,
    versions.deal_id,
    versions.contract_id,
    versions.subscription_id,
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
inner join {{ ref('int_schedule_lines_versioned_all_dates') }} as versions
    on segments.schedule_id = versions.schedule_id
    and segments.regime_start_date = versions.regime_start_date
where segments.outstanding_amount > 0
    and {{ batch_filter('versions.deal_id') }}
