{#- 认筹: the latest version of each reservation_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'reservations') }}
    qualify row_number() over (
        partition by reservation_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        reservation_id,
        project_id,
        {{ hygiene_surviving_customer_id('customer_id') }} as customer_id,  -- reviewed merge map
        -- categories
        status,
        -- dates
        reservation_date,
        subscribe_by_date,
        status_date,
        -- amounts
        amount as reservation_fee_amount,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
