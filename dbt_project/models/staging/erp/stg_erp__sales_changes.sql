{#- 销售变更: the latest version of each change_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'sales_changes') }}
    qualify row_number() over (
        partition by change_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        change_id,
        contract_id,
        subscription_id,
        approval_level,
        old_value,
        new_value,
        reason,
        -- categories
        change_type,
        -- dates
        apply_date,
        approve_date,
        -- amounts
        amount_delta,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
