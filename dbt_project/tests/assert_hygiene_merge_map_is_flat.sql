{#- The reviewed merge map must be flat and acyclic: no customer folded into itself, and no
    surviving customer that is itself folded away (point the duplicate at the final
    survivor instead). Returns the offending rows. -#}
select m.*, 'surviving customer is itself a duplicate' as problem
from {{ ref('customer_merge_map') }} as m
inner join {{ ref('customer_merge_map') }} as again
    on m.surviving_customer_id = again.duplicate_customer_id
union all
select m.*, 'customer folded into itself'
from {{ ref('customer_merge_map') }} as m
where m.duplicate_customer_id = m.surviving_customer_id
