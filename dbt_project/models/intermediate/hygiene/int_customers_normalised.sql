{#- Every exported customer record with the keys duplicates are found on: phone digits
    without +86 / 0086 and separators (hygiene_normalise_phone), name without white space,
    id number without white space and upper-cased. A phone shared by more than
    `hygiene_max_phone_group` (var, 20) records is a placeholder (e.g. a sales office
    number typed for walk-ins), not evidence, and is left out (is_placeholder_phone). -#}
with customers as (
    select * from {{ ref('stg_erp__customers') }}
),

normalised as (
    select
        customer_id,
        project_id,
        customer_name,
        phone,
        id_number,
        consultant_id,
        first_contact_date,
        {{ hygiene_normalise_phone('phone') }} as phone_key,
        {{ hygiene_normalise_name('customer_name') }} as name_key,
        {{ hygiene_normalise_id_number('id_number') }} as id_number_key
    from customers
)

select
    *,
    phone_key is not null
        and count(*) over (partition by phone_key) > {{ var('hygiene_max_phone_group', 20) }}
        as is_placeholder_phone
from normalised
