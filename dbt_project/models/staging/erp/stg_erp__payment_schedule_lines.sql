{#- 应收计划: the latest version of each schedule_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'payment_schedule') }}
    qualify row_number() over (
        partition by schedule_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        schedule_id,
        contract_id,
        subscription_id,
        -- categories
        item,
        -- dates
        due_date,
        -- amounts
        amount_due,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
