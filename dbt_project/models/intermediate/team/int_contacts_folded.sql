{#- 来电来访 on or before D: int_contacts_folded_all_dates cut at D. A view, so that a new D
    costs its readers a filter instead of a copy of every contact. -#}
{{ config(materialized='view') }}

select contacts.*
from {{ ref('int_contacts_folded_all_dates') }} as contacts
where contacts.contact_date <= {{ as_of_date_literal() }}
