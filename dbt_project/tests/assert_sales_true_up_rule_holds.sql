{#- The area true-up rule, restated: within 3% the developer bears nothing and the buyer
    pays the area difference at the unit price (to within a fen of rounding the price);
    beyond 3% the buyer may cancel; a refund only when the unit shrank. -#}
select *
from {{ ref('fct_area_true_up') }}
where (true_up_rule = 'within_3pct' and (developer_bears_amount <> 0 or may_cancel))
   or (true_up_rule <> 'within_3pct' and not may_cancel)
   or (true_up_rule = 'within_3pct' and abs(error_ratio) > 0.030001)
   or (area_diff_m2 < 0 and buyer_pays_amount > 0)
   or (area_diff_m2 > 0 and buyer_pays_amount < 0)
   or developer_bears_amount < 0
