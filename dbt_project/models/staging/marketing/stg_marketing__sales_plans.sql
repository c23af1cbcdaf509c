{#- 销售计划: the latest version of each project_id, month across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'sales_plans') }}
    qualify row_number() over (
        partition by project_id, month
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        project_id,
        -- dates
        month,
        -- amounts
        sign_target_amount,
        collection_target_amount,
        -- numbers
        sign_target_units,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
