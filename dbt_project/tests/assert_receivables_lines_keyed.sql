{{ config(severity='warn') }}
{#- Schedule lines whose contract or subscription matches no deal are left out of every
    receivable; this lists them so that the export can be fixed. -#}
select lines.schedule_id, lines.contract_id, lines.subscription_id, lines.amount_due
from {{ ref('stg_erp__payment_schedule_lines') }} as lines
left join {{ ref('int_schedule_lines_keyed') }} as keyed on lines.schedule_id = keyed.schedule_id
where keyed.schedule_id is null
