{#- 来电来访 on or before D with the customer folded by the reviewed merge map and the
    consultant who logged it (the customer's consultant when the contact names none). -#}
with contacts as (
    select * from {{ ref('stg_erp__contacts') }}
),

merged as (
    select * from {{ ref('int_customers_merged') }}
),

customers as (
    select customer_id, consultant_id from {{ ref('int_customers_folded') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
)

select
    contacts.contact_id,
    coalesce(merged.surviving_customer_id, contacts.customer_id) as customer_id,
    contacts.customer_id as exported_customer_id,
    contacts.project_id,
    coalesce(contacts.consultant_id, customers.consultant_id, 'unassigned') as consultant_id,
    contacts.contact_type,
    contacts.is_first,
    contacts.contact_date,
    cast(date_trunc('month', contacts.contact_date) as date) as contact_month
from contacts
cross join as_of
left join merged on contacts.customer_id = merged.customer_id
left join customers on coalesce(merged.surviving_customer_id, contacts.customer_id) = customers.customer_id
where contacts.contact_date <= as_of.as_of_date
