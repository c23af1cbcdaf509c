{#- 项目: the latest version of each project_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'projects') }}
    qualify row_number() over (
        partition by project_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        project_id,
        project_name,
        city,
        division,
        -- dates
        launch_date,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
