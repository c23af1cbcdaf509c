{#- 客户: one row per customer, with phone and id number masked (138****5678; id number keeps
    its last 4 characters) and the first-touch channel used by marketing efficiency. -#}
with customers as (
    -- one row per real customer: reviewed duplicates are folded into the survivor
    select * from {{ ref('stg_erp__customers') }}
    where customer_id = surviving_customer_id
),

attributed as (
    select * from {{ ref('int_customers_attributed') }}
)

select
    customers.customer_id,
    customers.project_id,
    customers.customer_name,
    {{ sales_mask_phone('customers.phone') }} as phone_masked,
    {{ sales_mask_id_number('customers.id_number') }} as id_number_masked,
    customers.first_contact_date,
    attributed.channel,
    attributed.channel_category,
    customers.consultant_id
from customers
left join attributed on customers.customer_id = attributed.customer_id
