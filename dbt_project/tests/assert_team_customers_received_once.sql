{#- A merged pair counts once: customers received over every consultant, project and month
    equal the surviving customers first received on or before D (and no folded duplicate is
    counted on its own). Returns a row when they differ. -#}
with received as (
    select coalesce(sum(customers_received), 0) as n from {{ ref('fct_consultant_monthly') }}
),

survivors as (
    select count(*) as n
    from {{ ref('int_customers_folded') }}
    where first_contact_date <= (select as_of_date from {{ ref('int_as_of_date') }})
)

select received.n as received, survivors.n as survivors
from received, survivors
where received.n <> survivors.n
