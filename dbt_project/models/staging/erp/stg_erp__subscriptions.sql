{#- 认购: the latest version of each subscription_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'subscriptions') }}
    qualify row_number() over (
        partition by subscription_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        subscription_id,
        reservation_id,
        unit_id,
        {{ hygiene_surviving_customer_id('customer_id') }} as customer_id,  -- reviewed merge map
        consultant_id,
        -- categories
        status,
        -- dates
        subscription_date,
        sign_by_date,
        status_date,
        -- amounts
        deal_price,
        deposit_amount,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
