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
    follow_up_day_columns. Only the customers not in that table are worked out.
    How: a customer's last contact changes only in the months they were contacted, so the
    month ends are generated per stretch of months between two such months (a window over
    the customer-months with a contact, 6 M at 1x large), not found by an as-of join of
    every snapshot (15.9 M) against every contact day (11.5 M), which spilled 2.2 GB. -#}
{% macro customer_follow_up_snapshots(at_as_of_only=false, from_date=none, month_ends_only=false, touches_only=false) -%}
with as_of as (
    select as_of_date, cast(date_trunc('month', as_of_date) as date) as as_of_month
    from {{ ref('int_as_of_date') }}
),

settings as (
    {{ follow_up_settings() }}
),

-- (in a model built in batches, the customers of the running batch: macros/batched.sql)
customers as (
    select * from (
        {%- if touches_only %}
        {{ customers_received_not_kept() }}
        {%- else %}
        {{ team_customers_received() }}
        {%- endif %}
    ) as customers
    where {{ batch_filter('customer_id') }}
),

-- contacts on or before D (int_contacts_folded is cut at D)
contacts as (
    select * from (
        select * from {{ ref('int_contacts_folded') }}
        where {{ batch_filter('customer_id') }}
    ) as contacts
    {%- if touches_only %}
    {{ customers_worked_out_only('customer_id') }}
    {%- endif %}
),
{%- if at_as_of_only %}

-- at D only each customer's latest contact matters: its date, and the type of that day's
-- last contact (by contact_id)
last_contacts as (
    select customer_id, max(contact_date) as last_contact_date,
        arg_max(contact_type, (contact_date, contact_id)) as last_contact_type
    from contacts
    group by customer_id
),
{%- else %}

-- the last contact of each month a customer was contacted in (the latest day, and that
-- day's last contact by contact_id): a month end's last contact is the one of the latest
-- such month up to it
contact_months as (
    select customer_id, contact_month, max(contact_date) as last_contact_date,
        arg_max(contact_type, (contact_date, contact_id)) as last_contact_type
    from contacts
    group by customer_id, contact_month
),

last_contacts as (
    select customer_id, max(last_contact_date) as last_contact_date,
        arg_max(last_contact_type, last_contact_date) as last_contact_type,
        min(contact_month) as first_contact_month
    from contact_months
    group by customer_id
),
{%- endif %}

customer_horizons as (
    select
        customers.customer_id,
        customers.project_id,
        customers.customer_name,
        customers.consultant_id,
        customers.first_contact_date,
        last_contacts.last_contact_date,
        last_contacts.last_contact_type,
        {%- if not at_as_of_only %}
        last_contacts.first_contact_month,
        {%- endif %}
        {{ follow_up_horizon_end() }} as horizon_end_date
    from customers
    left join last_contacts on customers.customer_id = last_contacts.customer_id
    cross join settings
),
{%- if not at_as_of_only %}

-- each customer's months from first contact on, in stretches with the same last contact:
-- before the first month with a contact (none), then from each such month to the month
-- before the next one
stretches as (
    select
        customer_horizons.* exclude (last_contact_date, last_contact_type, first_contact_month),
        cast(null as date) as last_contact_date,
        cast(null as varchar) as last_contact_type,
        cast(date_trunc('month', customer_horizons.first_contact_date) as date) as from_month,
        coalesce(cast(customer_horizons.first_contact_month - interval 1 month as date), date '9999-12-01')
            as to_month
    from customer_horizons
    union all
    select
        customer_horizons.* exclude (last_contact_date, last_contact_type, first_contact_month),
        contact_months.last_contact_date,
        contact_months.last_contact_type,
        contact_months.contact_month,
        coalesce(cast(lead(contact_months.contact_month) over (
            partition by contact_months.customer_id order by contact_months.contact_month
        ) - interval 1 month as date), date '9999-12-01')
    from customer_horizons
    inner join contact_months on customer_horizons.customer_id = contact_months.customer_id
),

-- the month ends before D's month, from the customer's first contact to their horizon
month_ends as (
    select
        stretches.* exclude (from_month, to_month),
        last_day(months.month_start) as snapshot_date
    from stretches
    cross join as_of,
    {{ follow_up_months(['stretches.from_month'], ['stretches.to_month'],
        'stretches.horizon_end_date', from_date) }}
    where last_day(months.month_start) >= stretches.first_contact_date
        and last_day(months.month_start) <= stretches.horizon_end_date
        {%- if from_date is not none %}
        and last_day(months.month_start) >= {{ from_date }}
        {%- endif %}
),
{%- endif %}

with_last as (
    {%- if not at_as_of_only %}
    select * from month_ends
    {%- endif %}
    {%- if not month_ends_only %}
    {%- if not at_as_of_only %}
    union all by name
    {%- endif %}
    -- at D: the customer's latest contact
    select customer_horizons.* {%- if not at_as_of_only %} exclude (first_contact_month){% endif %},
        as_of.as_of_date as snapshot_date
    from customer_horizons
    cross join as_of
    where as_of.as_of_date >= customer_horizons.first_contact_date
        {%- if not touches_only %}
        and as_of.as_of_date <= customer_horizons.horizon_end_date
        {%- endif %}
        {%- if from_date is not none %}
        and as_of.as_of_date >= {{ from_date }}
        {%- endif %}
    {%- endif %}
),

deals as (
    select
        coalesce(merged.surviving_customer_id, deals.customer_id) as customer_id,
        deals.deal_start_date,
        deals.deal_end_date
    from {{ ref('int_deals_joined') }} as deals
    left join {{ ref('int_customers_merged_duplicates') }} as merged on deals.customer_id = merged.customer_id
),

-- the customers with a deal live at each snapshot date, found from the deals (the month
-- ends of each deal's life inside its customer's snapshots, and D), so that the snapshots
-- are read once: joined to the deals too, they were kept whole to be read again (62 M rows
-- at 4x large, spilled)
live as (
    {%- if not at_as_of_only %}
    select distinct deals.customer_id, last_day(months.month_start) as snapshot_date
    from deals
    inner join customer_horizons on deals.customer_id = customer_horizons.customer_id
    cross join as_of,
    {{ follow_up_months(
        ["date_trunc('month', deals.deal_start_date)",
            "date_trunc('month', customer_horizons.first_contact_date)"],
        ["coalesce(date_trunc('month', deals.deal_end_date), date '9999-12-01')"],
        'customer_horizons.horizon_end_date', from_date) }}
    where {{ deal_live_at('last_day(months.month_start)', 'deals') }}
    -- (month ends before D's month, so never D)
    union all
    {%- endif %}
    select distinct deals.customer_id, as_of.as_of_date as snapshot_date
    from deals
    cross join as_of
    where {{ deal_live_at('as_of.as_of_date', 'deals') }}
    {%- if touches_only and is_incremental() %}
        and deals.customer_id in (select customer_id from customers)
    {%- endif %}
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


{#- The months whose month ends a customer's snapshots can hold, as a lateral unnest
    `months(month_start)` (the query has `as_of`): from the latest of `lower` (month starts)
    and the month of `from_date`, to the earliest of `upper`, the month before D's and the
    month of `horizon_end`. Callers keep the exact bounds in their own filter. -#}
{% macro follow_up_months(lower, upper, horizon_end, from_date=none) -%}
unnest(generate_series(
        cast(greatest({{ lower | join(', ') }}
            {%- if from_date is not none %}, date_trunc('month', {{ from_date }}){% endif %}) as timestamp),
        cast(least({{ upper | join(', ') }}, as_of.as_of_month - interval 1 month,
            date_trunc('month', {{ horizon_end }})) as timestamp),
        interval 1 month
    )) as months(month_start)
{%- endmacro %}

{#- The last date a customer's follow-up snapshots run to: their last contact (their first
    contact when none was logged, or when later) + the prospect horizon + 31 days; after
    it they are lapsed for good and left out. Over customer_horizons' relations. -#}
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
