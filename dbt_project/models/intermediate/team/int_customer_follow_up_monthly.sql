{#- Prospects and neglected prospects at each month end (and at D), per consultant and
    project: the follow-up snapshots of macros/team_follow_up.sql counted, the part of them
    fct_consultant_monthly reads. Groups without a prospect are left out (neglected
    customers are prospects), so that lapsed customers, who count in neither figure, add no
    rows. Incremental by month (macros/team_incremental.sql): a day of new receipts works
    out D's month again and keeps the months before it, and the month of a published D that
    was a month end (its row is that month end's: counts here depend on the snapshot date,
    not on receipts); D's snapshot is then read from int_customer_follow_up_at_as_of, and
    the macro runs only for month ends not kept. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ team_monthly_prune(month_end_kept=true) }}",
) }}

-- depends_on: {{ ref('int_customer_follow_up_at_as_of') }}
with snapshots as (
    {%- if is_incremental() %}
    -- D's snapshot is int_customer_follow_up_at_as_of's (the same macro at D alone): a day
    -- of receipts in D's month works out no month end, and reads no contact again
    {%- if team_monthly_redoes_month_ends(month_end_kept=true) %}
    select * from ({{ customer_follow_up_snapshots(from_date=team_monthly_from_date(), month_ends_only=true) }})
    union all by name
    {%- endif %}
    select * from {{ ref('int_customer_follow_up_at_as_of') }}
    {%- else %}
    {{ customer_follow_up_snapshots() }}
    {%- endif %}
)

select
    consultant_id,
    project_id,
    snapshot_month,
    count(*) filter (where is_prospect and not is_lapsed) as prospects_at_month_end,
    count(*) filter (where is_neglected) as neglected_customers_at_month_end
from snapshots
group by all
having count(*) filter (where is_prospect and not is_lapsed) > 0
