{#- Follow-up state of every surviving customer at D: int_customer_follow_up_snapshotted
    at its D snapshot, computed for D alone (one snapshot date instead of every month end).
    A view over int_customer_follow_up_touches (incremental by customer), adding what the
    days since the last contact decide, and leaving out the customers past their horizon. -#}
{{ config(materialized='view') }}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

settings as (
    {{ follow_up_settings() }}
),

touches as (
    select
        touches.*,
        cast(as_of.as_of_date - coalesce(touches.last_contact_date, touches.first_contact_date) as integer)
            as days_since_last_contact,
        as_of.as_of_date
    from {{ ref('int_customer_follow_up_touches') }} as touches
    cross join as_of
    where as_of.as_of_date <= touches.horizon_end_date
)

select
    touches.as_of_date as snapshot_date,
    cast(date_trunc('month', touches.as_of_date) as date) as snapshot_month,
    true as is_as_of_snapshot,
    touches.customer_id,
    touches.project_id,
    touches.customer_name,
    touches.consultant_id,
    touches.first_contact_date,
    touches.last_contact_date,
    touches.last_contact_type,
    {{ follow_up_day_columns('touches.days_since_last_contact', 'touches.has_live_deal',
        'settings.horizon_days', 'settings.neglect_days') }}
from touches
cross join settings
