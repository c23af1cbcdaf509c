{#- customer_follow_up_snapshots(at_as_of_only): follow-up state of every surviving customer
    at each month end before D and at D itself (the snapshot of D's month is D). At a snapshot date E:
    - prospect: received on or before E and with no deal (subscription or contract) live at
      E — a customer with a live deal is chased on the overdue worklist instead;
    - last contact: their latest call, visit or follow-up on or before E (their first
      contact date when none was logged); days since = E − last contact;
    - lapsed (流失): days since > prospect_horizon_days (seed team_settings, 90);
    - neglected (跟进不力): prospect, not lapsed, days since > neglect_days (15).
    A customer appears from the month of first contact until lapsed for good (snapshots
    after their last contact + horizon are not generated).
    at_as_of_only: the snapshot at D alone (the follow-up list), without the month ends.
    from_date: a SQL date; only the snapshots on or after it (an incremental run's months).
    month_ends_only: the month ends alone, without the snapshot at D.
    touches_only (with at_as_of_only): the state at D without what the number of days since
    the last contact decides, for every customer received by D, those past the horizon
    too, with the date their snapshots end (horizon_end_date): the rows of
    int_customer_follow_up_touches, which int_customer_follow_up_at_as_of completes with
    follow_up_day_columns. Only the customers not in that table are worked out. -#}
{% macro customer_follow_up_snapshots(at_as_of_only=false, from_date=none, month_ends_only=false, touches_only=false) -%}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

settings as (
    {{ follow_up_settings() }}
),

customers as (
    {%- if touches_only %}
    {{ customers_received_not_kept() }}
    {%- else %}
    {{ team_customers_received() }}
    {%- endif %}
),

contacts as (
    select * from {{ ref('int_contacts_folded') }}
    {%- if touches_only %}
    {{ customers_worked_out_only('customer_id') }}
    {%- endif %}
),

last_contacts as (
    select customer_id, max(contact_date) as last_contact_date
    from contacts
    group by customer_id
),

snapshot_dates as (
    {%- if at_as_of_only %}
    select as_of_date as snapshot_date from as_of
    {%- else %}
    select cast(month_start + interval 1 month - interval 1 day as date) as snapshot_date
    from as_of,
        unnest(generate_series(
            cast(date_trunc('month', (select min(first_contact_date) from customers)) as timestamp),
            cast(date_trunc('month', as_of.as_of_date) as timestamp) - interval 1 month,
            interval 1 month
        )) as months(month_start)
    {%- if not month_ends_only %}
    union
    select as_of_date from as_of
    {%- endif %}
    {%- endif %}
),

customer_snapshots as (
    select
        customers.customer_id,
        customers.project_id,
        customers.customer_name,
        customers.consultant_id,
        customers.first_contact_date,
        {%- if touches_only %}
        {{ follow_up_horizon_end() }} as horizon_end_date,
        {%- endif %}
        snapshot_dates.snapshot_date
    from customers
    left join last_contacts on customers.customer_id = last_contacts.customer_id
    cross join settings
    inner join snapshot_dates
        on snapshot_dates.snapshot_date >= customers.first_contact_date
        {%- if from_date is not none %}
        and snapshot_dates.snapshot_date >= {{ from_date }}
        {%- endif %}
        {%- if not touches_only %}
        and snapshot_dates.snapshot_date <= {{ follow_up_horizon_end() }}
        {%- endif %}
),

contact_days as (
    {%- if at_as_of_only %}
    -- at D alone only each customer's latest contact day on or before D matters; its type
    -- is the one of the day's last contact, as below
    select contacts.customer_id, max(contacts.contact_date) as contact_date,
        arg_max(contacts.contact_type, (contacts.contact_date, contacts.contact_id)) as contact_type
    from contacts
    cross join as_of
    where contacts.contact_date <= as_of.as_of_date
    group by contacts.customer_id
    {%- else %}
    select customer_id, contact_date, arg_max(contact_type, contact_id) as contact_type
    from contacts
    group by customer_id, contact_date
    {%- endif %}
),

with_last as (
    select
        customer_snapshots.*,
        contact_days.contact_date as last_contact_date,
        contact_days.contact_type as last_contact_type
    from customer_snapshots
    asof left join contact_days
        on customer_snapshots.customer_id = contact_days.customer_id
        and customer_snapshots.snapshot_date >= contact_days.contact_date
),

deals as (
    select
        coalesce(merged.surviving_customer_id, deals.customer_id) as customer_id,
        deals.deal_start_date,
        deals.deal_end_date
    from {{ ref('int_deals_joined') }} as deals
    left join {{ ref('int_customers_merged') }} as merged on deals.customer_id = merged.customer_id
),

live as (
    select distinct with_last.customer_id, with_last.snapshot_date
    from with_last
    inner join deals
        on with_last.customer_id = deals.customer_id
        and {{ deal_live_at('with_last.snapshot_date', 'deals') }}
),

flagged as (
    select
        with_last.*,
        coalesce(with_last.last_contact_date, with_last.first_contact_date) as last_touch_date,
        cast(with_last.snapshot_date - coalesce(with_last.last_contact_date, with_last.first_contact_date) as integer)
            as days_since_last_contact,
        live.customer_id is not null as has_live_deal,
        settings.neglect_days,
        settings.horizon_days
    from with_last
    cross join settings
    left join live
        on with_last.customer_id = live.customer_id
        and with_last.snapshot_date = live.snapshot_date
)

select
    {%- if not touches_only %}
    flagged.snapshot_date,
    cast(date_trunc('month', flagged.snapshot_date) as date) as snapshot_month,
    flagged.snapshot_date = as_of.as_of_date as is_as_of_snapshot,
    {%- endif %}
    flagged.customer_id,
    flagged.project_id,
    flagged.customer_name,
    coalesce(flagged.consultant_id, 'unassigned') as consultant_id,
    flagged.first_contact_date,
    flagged.last_contact_date,
    flagged.last_contact_type,
    {%- if touches_only %}
    flagged.has_live_deal,
    flagged.horizon_end_date
    {%- else %}
    {{ follow_up_day_columns('flagged.days_since_last_contact', 'flagged.has_live_deal',
        'flagged.horizon_days', 'flagged.neglect_days') }}
    {%- endif %}
from flagged
cross join as_of
{%- endmacro %}


{#- The last date a customer's follow-up snapshots run to: their last contact (their first
    contact when none was logged, or when later) + the prospect horizon + 31 days; after
    it they are lapsed for good and left out. Over customer_snapshots' relations. -#}
{% macro follow_up_horizon_end() -%}
    greatest(customers.first_contact_date, coalesce(last_contacts.last_contact_date, customers.first_contact_date))
        + settings.horizon_days + 31
{%- endmacro %}

{#- The follow-up columns that the days since the last contact decide, at one snapshot. -#}
{% macro follow_up_day_columns(days_since, has_live_deal, horizon_days, neglect_days) -%}
    {{ days_since }} as days_since_last_contact,
    {{ has_live_deal }} as has_live_deal,
    not {{ has_live_deal }} as is_prospect,
    {{ days_since }} > {{ horizon_days }} as is_lapsed,
    not {{ has_live_deal }}
        and {{ days_since }} <= {{ horizon_days }}
        and {{ days_since }} > {{ neglect_days }} as is_neglected,
    {{ neglect_days }} as neglect_days
{%- endmacro %}

{#- The follow-up settings (seed team_settings): neglect_days (15) and horizon_days (90). -#}
{% macro follow_up_settings() -%}
    select
        {{ team_setting('neglect_days', 15) }} as neglect_days,
        {{ team_setting('prospect_horizon_days', 90) }} as horizon_days
{%- endmacro %}
