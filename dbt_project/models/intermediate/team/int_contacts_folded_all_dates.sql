{#- Every 来电来访, whatever its date, with the customer folded by the reviewed merge map and the
    consultant who logged it (the customer's consultant when the contact names none).

    The millions of contacts meet one small lookup (exported customer -> surviving customer
    and their consultant), built first from the customers, so the join's hash table holds
    customers, not contacts: at 1x large the two-join form ran out of a 3 GB cap. A contact
    naming a customer missing from the customers export keeps that id and no consultant of
    theirs (every surviving customer is an exported one).

    Not cut at D, so that a day of new receipts (which moves D) leaves this table as
    published; int_contacts_folded is the view of it on or before D. -#}
with contacts as (
    select * from {{ ref('stg_erp__contacts') }}
),

lookup as (
    select
        merged.customer_id as exported_customer_id,
        merged.surviving_customer_id,
        customers.consultant_id as surviving_consultant_id
    from {{ ref('int_customers_merged') }} as merged
    left join {{ ref('int_customers_folded') }} as customers
        on merged.surviving_customer_id = customers.customer_id
)

select
    contacts.contact_id,
    coalesce(lookup.surviving_customer_id, contacts.customer_id) as customer_id,
    contacts.customer_id as exported_customer_id,
    contacts.project_id,
    coalesce(contacts.consultant_id, lookup.surviving_consultant_id, 'unassigned') as consultant_id,
    contacts.contact_type,
    contacts.is_first,
    contacts.contact_date,
    cast(date_trunc('month', contacts.contact_date) as date) as contact_month
from contacts
left join lookup on contacts.customer_id = lookup.exported_customer_id
