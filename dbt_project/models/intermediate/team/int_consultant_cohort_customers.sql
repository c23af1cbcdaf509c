{#- Every customer received by D (surviving, reviewed duplicates folded) with their
    consultant, project and cohort month, and what became of them by D: called, visited,
    subscribed, signed (a folded duplicate's deals count for the surviving customer), and
    the days from first contact to their first contract. fct_consultant_cohorts groups it
    into cohorts.

    Incremental by customer: a customer's row reads their own first contact, their calls
    and visits dated on or before D (int_contacts_folded), their subscriptions dated and
    contracts signed on or before D (fct_subscriptions, fct_contracts). So when receipts
    alone changed, which moves D and nothing else here, the row can differ from the
    published one only if one of those dates falls between the two D; the pre-hook
    deletes those customers, and the body works out the received customers the table does
    not hold. Any other change, or no published D, empties the table; a full build passes
    --full-refresh. Before this, fct_consultant_cohorts grouped the 12 M contacts of the
    1x large data again on every build (4.9 s of a day's rebuild). -#}
-- depends_on: {{ ref('int_contacts_folded_all_dates') }}
-- depends_on: {{ ref('stg_erp__subscriptions') }}
-- depends_on: {{ ref('stg_erp__contracts') }}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ prune_on_as_of_move(cohort_customers_not_kept) }}",
) }}

with customers as (
    {{ customers_received_not_kept() }}
),

merged as (
    select * from {{ ref('int_customers_merged_duplicates') }}
),

{#- every customer and the facts about them (contacts, subscriptions, contracts) in one
    stream, grouped once by customer: three joins of the customers to per-customer
    aggregates held every hash table at once and ran DuckDB out of its 2.5 GB cap at 4x
    large (13 M customers, 49 M contacts), where one grouping spills to disk. On an
    incremental run each stream keeps the customers worked out. -#}
facts as (
    select
        customer_id,
        true as is_customer,
        consultant_id,
        project_id,
        received_month,
        first_contact_date,
        false as is_call,
        false as is_visit,
        false as is_subscription,
        false as is_contract,
        cast(null as date) as sign_date
    from customers
    union all
    select customer_id, false, null, null, null, null,
        contact_type = 'call', contact_type = 'visit', false, false, null
    from {{ ref('int_contacts_folded') }}
    {{ customers_worked_out_only('customer_id') }}
    union all
    select coalesce(merged.surviving_customer_id, s.customer_id), false, null, null, null, null,
        false, false, true, false, null
    from {{ ref('fct_subscriptions') }} as s
    left join merged on s.customer_id = merged.customer_id
    {{ customers_worked_out_only('coalesce(merged.surviving_customer_id, s.customer_id)') }}
    union all
    select coalesce(merged.surviving_customer_id, c.customer_id), false, null, null, null, null,
        false, false, false, true, c.sign_date
    from {{ ref('fct_contracts') }} as c
    left join merged on c.customer_id = merged.customer_id
    {{ customers_worked_out_only('coalesce(merged.surviving_customer_id, c.customer_id)') }}
)

select
    customer_id,
    coalesce(max(consultant_id), 'unassigned') as consultant_id,
    max(project_id) as project_id,
    max(received_month) as cohort_month,
    max(first_contact_date) as first_contact_date,
    bool_or(is_call) as was_called,
    bool_or(is_visit) as was_visited,
    bool_or(is_subscription) as has_subscribed,
    bool_or(is_contract) as has_signed,
    min(sign_date) - max(first_contact_date) as days_to_first_contract
from facts
group by customer_id
having bool_or(is_customer)
