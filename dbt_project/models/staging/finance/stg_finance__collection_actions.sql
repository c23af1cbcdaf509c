{#- 催收记录: the latest version of each action_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'collection_actions') }}
    qualify row_number() over (
        partition by action_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        action_id,
        contract_id,
        subscription_id,
        staff_id,
        outcome,
        -- categories
        action_type,
        -- dates
        action_date,
        promised_date,
        -- amounts
        promised_amount,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
