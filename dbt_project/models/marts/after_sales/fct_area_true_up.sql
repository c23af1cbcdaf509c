{#- 面积补差 (metrics: "Area true-up", 商品房销售管理办法 art. 20), for every contract live at D
    whose unit has a measured area: int_area_true_ups_priced (every contract, nothing cut at
    D; the rules and amounts are worked out there) kept to the contracts live at D (started
    and signed on or before D, not ended by D: int_deals_snapshotted's is_live_contract),
    with D. A view, so that a day of new receipts, which moves D, costs a filter instead of
    the true-up of every contract again. -#}
{{ config(materialized='view') }}

select
    true_ups.* exclude (deal_start_date, sign_date, deal_end_date),
    as_of.as_of_date
from {{ ref('int_area_true_ups_priced') }} as true_ups
cross join {{ ref('int_as_of_date') }} as as_of
where {{ deal_live_at('as_of.as_of_date', 'true_ups') }}
    and true_ups.sign_date <= as_of.as_of_date
