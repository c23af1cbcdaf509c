{#- 签约: the latest version of each contract_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'contracts') }}
    qualify row_number() over (
        partition by contract_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        contract_id,
        subscription_id,
        unit_id,
        {{ hygiene_surviving_customer_id('customer_id') }} as customer_id,  -- reviewed merge map
        consultant_id,
        -- categories
        payment_method,
        status,
        -- dates
        sign_date,
        cancel_date,
        -- amounts
        contract_amount,
        loan_amount,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
