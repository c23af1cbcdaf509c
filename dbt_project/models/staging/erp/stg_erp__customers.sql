{#- 客户: the latest version of each customer_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'customers') }}
    qualify row_number() over (
        partition by customer_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        customer_id,
        {{ hygiene_surviving_customer_id('customer_id') }} as surviving_customer_id,
        project_id,
        customer_name,
        phone,
        id_number,
        channel,
        consultant_id,
        -- dates
        first_contact_date,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
