{#- 置业顾问月度 without the columns D alone sets: per consultant, project and month, what
    the consultant received and did (metrics of issue 10). Customers count once per person
    (reviewed duplicates folded, int_customers_folded); activities count per record. Months
    run to D's month, which holds the state at D (neglected customers, open overdue cases).
    fct_consultant_monthly adds whether the month is D's, and D.

    Incremental by month, by the rule of int_customer_follow_up_monthly (macros/
    team_incremental.sql): when receipts alone changed, a month before the earlier of the
    published D's month and D's month counts the same rows as before (customers, contacts,
    subscriptions, contracts and actions do not change, and each count reads rows dated in
    its month; the overdue cases are D's month's alone), so the pre-hook keeps those months
    and the body works out the months after the last one kept. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ team_monthly_prune('month') }}",
) }}
{%- set since = team_monthly_from_date('month') %}
with as_of as (
    select as_of_date, cast(date_trunc('month', as_of_date) as date) as as_of_month
    from {{ ref('int_as_of_date') }}
),

customers as (
    select * from {{ ref('int_customers_folded') }}
),

consultants as (
    select consultant_id from customers where consultant_id is not null
    union select consultant_id from {{ ref('stg_erp__contacts') }} where consultant_id is not null
    union select consultant_id from {{ ref('stg_erp__subscriptions') }} where consultant_id is not null
    union select consultant_id from {{ ref('stg_erp__contracts') }} where consultant_id is not null
),

received as (
    select
        coalesce(customers.consultant_id, 'unassigned') as consultant_id,
        customers.project_id,
        customers.received_month as month,
        count(*) as customers_received
    from ({{ team_customers_received() }}) as customers
    {{ team_month_from(since, 'customers.received_month', 'where') }}
    group by all
),

contacts as (
    select
        consultant_id,
        project_id,
        contact_month as month,
        count(*) filter (where contact_type = 'call') as calls,
        count(*) filter (where contact_type = 'visit') as visits,
        count(*) filter (where contact_type = 'visit' and is_first) as first_visits,
        count(*) filter (where contact_type = 'follow_up') as follow_ups,
        count(distinct customer_id) as customers_contacted
    from {{ ref('int_contacts_folded') }}
    {{ team_month_from(since, 'contact_month', 'where') }}
    group by all
),

subscriptions as (
    select
        coalesce(s.consultant_id, 'unassigned') as consultant_id,
        s.project_id,
        s.subscription_date,
        s.cancel_date
    from {{ ref('fct_subscriptions') }} as s
),

subscribed as (
    select consultant_id, project_id, cast(date_trunc('month', subscription_date) as date) as month,
        count(*) as subscriptions
    from subscriptions
    {{ team_month_from(since, "cast(date_trunc('month', subscription_date) as date)", 'where') }}
    group by all
),

subscriptions_cancelled as (
    select consultant_id, project_id, cast(date_trunc('month', cancel_date) as date) as month,
        count(*) as subscription_cancellations
    from subscriptions
    where cancel_date is not null
        {{ team_month_from(since, "cast(date_trunc('month', cancel_date) as date)") }}
    group by all
),

contracts as (
    select
        coalesce(c.consultant_id, 'unassigned') as consultant_id,
        c.project_id,
        c.sign_month,
        c.cancel_date,
        c.contract_amount,
        c.days_to_sign
    from {{ ref('fct_contracts') }} as c
),

signed as (
    select
        consultant_id,
        project_id,
        sign_month as month,
        count(*) as contracts,
        sum(contract_amount) as contract_amount,
        median(days_to_sign) as median_days_to_sign
    from contracts
    {{ team_month_from(since, 'sign_month', 'where') }}
    group by all
),

contracts_cancelled as (
    select consultant_id, project_id, cast(date_trunc('month', cancel_date) as date) as month,
        count(*) as contract_cancellations
    from contracts
    where cancel_date is not null
        {{ team_month_from(since, "cast(date_trunc('month', cancel_date) as date)") }}
    group by all
),

actions as (
    select
        a.staff_id as consultant_id,
        a.project_id,
        cast(date_trunc('month', a.action_date) as date) as month,
        count(*) as collection_actions,
        count(distinct a.deal_id) as deals_chased
    from {{ ref('fct_collection_action_outcomes') }} as a
    inner join consultants on a.staff_id = consultants.consultant_id
    {{ team_month_from(since, "cast(date_trunc('month', a.action_date) as date)", 'where') }}
    group by all
),

neglect as (
    select
        consultant_id,
        project_id,
        snapshot_month as month,
        prospects_at_month_end,
        neglected_customers_at_month_end
    from {{ ref('int_customer_follow_up_monthly') }}
    {{ team_month_from(since, 'snapshot_month', 'where') }}
),

-- the open cases, with the customer their contacts are logged under (a folded duplicate's
-- under the customer it was folded into)
overdue_items as (
    select o.*, coalesce(merged.surviving_customer_id, o.customer_id) as contact_customer_id
    from {{ ref('fct_overdue_items') }} as o
    left join {{ ref('int_customers_merged_duplicates') }} as merged on o.customer_id = merged.customer_id
),

-- the last contact of the customers with an open case only: grouping every customer's
-- contacts (13 M customers at 4x large) to look up a few hundred thousand spilled to disk
contacts_by_customer as (
    select customer_id, max(contact_date) as last_contact_date
    from {{ ref('int_contacts_folded') }}
    where customer_id in (select contact_customer_id from overdue_items)
    group by customer_id
),

overdue_chased as (
    -- an open case is chased when a collection action on its deal, or a contact with its
    -- customer, is dated on or after the case's due date (and on or before D)
    select
        o.*,
        coalesce(o.last_action_date >= o.due_date, false)
            or coalesce(contacts_by_customer.last_contact_date >= o.due_date, false) as is_chased
    from overdue_items as o
    left join contacts_by_customer on o.contact_customer_id = contacts_by_customer.customer_id
),

overdue as (
    select
        coalesce(o.consultant_id, 'unassigned') as consultant_id,
        o.project_id,
        as_of.as_of_month as month,
        count(*) as overdue_cases_open,
        count(*) filter (where o.is_chased) as overdue_cases_chased,
        sum(o.amount_outstanding) as overdue_amount
    from overdue_chased as o
    cross join as_of
    group by all
),

keys as (
    select consultant_id, project_id, month from received
    union select consultant_id, project_id, month from contacts
    union select consultant_id, project_id, month from subscribed
    union select consultant_id, project_id, month from subscriptions_cancelled
    union select consultant_id, project_id, month from signed
    union select consultant_id, project_id, month from contracts_cancelled
    union select consultant_id, project_id, month from actions
    union select consultant_id, project_id, month from neglect
        where prospects_at_month_end > 0
    union select consultant_id, project_id, month from overdue
)

select
    keys.consultant_id,
    keys.project_id,
    keys.month,
    -- customers and activity
    coalesce(received.customers_received, 0) as customers_received,
    coalesce(contacts.calls, 0) as calls,
    coalesce(contacts.visits, 0) as visits,
    coalesce(contacts.first_visits, 0) as first_visits,
    coalesce(contacts.follow_ups, 0) as follow_ups,
    coalesce(contacts.customers_contacted, 0) as customers_contacted,
    -- follow-up discipline at the month end (at D in D's month)
    coalesce(neglect.prospects_at_month_end, 0) as prospects_at_month_end,
    coalesce(neglect.neglected_customers_at_month_end, 0) as neglected_customers_at_month_end,
    -- conversion and signing
    coalesce(subscribed.subscriptions, 0) as subscriptions,
    coalesce(signed.contracts, 0) as contracts,
    coalesce(signed.contract_amount, 0)::decimal(18, 2) as contract_amount,
    {{ sales_exact_div("coalesce(subscribed.subscriptions, 0)", "coalesce(contacts.visits, 0)", 6) }}
        as visit_to_subscription_ratio,
    signed.median_days_to_sign,
    -- cancellations
    coalesce(subscriptions_cancelled.subscription_cancellations, 0) as subscription_cancellations,
    coalesce(contracts_cancelled.contract_cancellations, 0) as contract_cancellations,
    -- collections
    coalesce(actions.collection_actions, 0) as collection_actions,
    coalesce(actions.deals_chased, 0) as deals_chased,
    case when keys.month = as_of.as_of_month then coalesce(overdue.overdue_cases_open, 0) end
        as overdue_cases_open,
    case when keys.month = as_of.as_of_month then coalesce(overdue.overdue_cases_chased, 0) end
        as overdue_cases_chased,
    case when keys.month = as_of.as_of_month then coalesce(overdue.overdue_amount, 0)::decimal(18, 2) end
        as overdue_amount
from keys
cross join as_of
left join received using (consultant_id, project_id, month)
left join contacts using (consultant_id, project_id, month)
left join subscribed using (consultant_id, project_id, month)
left join subscriptions_cancelled using (consultant_id, project_id, month)
left join signed using (consultant_id, project_id, month)
left join contracts_cancelled using (consultant_id, project_id, month)
left join actions using (consultant_id, project_id, month)
left join neglect using (consultant_id, project_id, month)
left join overdue using (consultant_id, project_id, month)
where keys.month <= as_of.as_of_month
    {{ team_month_from(since, 'keys.month') }}
