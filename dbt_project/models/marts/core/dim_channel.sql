{#- 渠道: the channel hierarchy (category → channel) over every channel name seen in the
    exports or listed in the seed channel_map; unknown names are in category `unmapped`. -#}
select
    channel,
    channel_category,
    channel_category_zh,
    channel_en,
    is_unmapped,
    customer_count,
    contact_count,
    spend_row_count
from {{ ref('int_channels_mapped') }}
