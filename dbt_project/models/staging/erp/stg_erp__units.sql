{#- 房源: the latest version of each unit_id across every landing file
    (latest file modification time, then file name, then line). -#}
with source as (
    select * from {{ source('raw', 'units') }}
    qualify row_number() over (
        partition by unit_id
        order by _file_modified_at desc, _file_name desc, _row_number desc
    ) = 1
),

renamed as (
    select
        -- ids and text
        unit_id,
        project_id,
        building,
        unit_no,
        -- categories
        unit_type,
        -- dates
        released_date,
        -- amounts
        list_price,
        floor_price,
        -- areas
        presale_area_m2,
        measured_area_m2,
        -- numbers
        floor,
        -- provenance
        _file_name as source_file_name,
        _row_number as source_row_number
    from source
)

select * from renamed
