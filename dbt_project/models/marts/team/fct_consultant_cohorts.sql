{#- 置业顾问转化（同期群）: customers received by a consultant in a month (cohort) and what
    became of them by D, against every consultant's customers received in the same project
    and month. Comparing cohorts of the same month keeps the ranking fair: every customer in
    it has had the same time to convert, and the consultant is judged against the same
    market. expected_signed = received × the cohort's signing rate over all consultants;
    conversion_index = signed / expected (1 = as the team; over several cohorts sum signed
    and expected first). Customers count once per person (reviewed duplicates folded), and
    a deal of a folded duplicate counts for the surviving customer. What became of each
    customer is int_consultant_cohort_customers (incremental by customer). -#}
with as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

-- one row per received customer, incremental by customer
per_customer as (
    select * from {{ ref('int_consultant_cohort_customers') }}
),

cohorts as (
    select
        consultant_id,
        project_id,
        cohort_month,
        count(*) as customers_received,
        count(*) filter (where was_called) as customers_called,
        count(*) filter (where was_visited) as customers_visited,
        count(*) filter (where has_subscribed) as customers_subscribed,
        count(*) filter (where has_signed) as customers_signed,
        median(days_to_first_contract) as median_days_to_first_contract
    from per_customer
    group by all
),

peers as (
    select
        project_id,
        cohort_month,
        sum(customers_received) as peer_customers_received,
        sum(customers_subscribed) as peer_customers_subscribed,
        sum(customers_signed) as peer_customers_signed,
        count(*) as peer_consultants
    from cohorts
    group by all
),

rated as (
    select
        cohorts.*,
        peers.peer_consultants,
        peers.peer_customers_received,
        peers.peer_customers_subscribed,
        peers.peer_customers_signed,
        {{ sales_exact_div("cohorts.customers_subscribed", "cohorts.customers_received", 6, whole=true) }} as subscription_rate,
        {{ sales_exact_div("cohorts.customers_signed", "cohorts.customers_received", 6, whole=true) }} as contract_rate,
        {{ sales_exact_div("peers.peer_customers_signed", "peers.peer_customers_received", 6, whole=true) }} as peer_contract_rate,
        {{ sales_exact_div("cohorts.customers_received * peers.peer_customers_subscribed", "peers.peer_customers_received", 6, whole=true) }}
            as expected_subscribed,
        {{ sales_exact_div("cohorts.customers_received * peers.peer_customers_signed", "peers.peer_customers_received", 6, whole=true) }}
            as expected_signed
    from cohorts
    inner join peers using (project_id, cohort_month)
)

select
    rated.consultant_id,
    rated.project_id,
    rated.cohort_month,
    cast(as_of.as_of_date - rated.cohort_month as integer) as cohort_age_days,
    -- the cohort
    rated.customers_received,
    rated.customers_called,
    rated.customers_visited,
    rated.customers_subscribed,
    rated.customers_signed,
    rated.subscription_rate,
    rated.contract_rate,
    rated.median_days_to_first_contract,
    -- against the same project and month
    rated.peer_consultants,
    rated.peer_customers_received,
    rated.peer_customers_signed,
    rated.peer_contract_rate,
    rated.expected_subscribed,
    rated.expected_signed,
    {{ sales_exact_div("rated.customers_signed", "rated.expected_signed", 4) }} as conversion_index,
    rank() over (
        partition by rated.project_id, rated.cohort_month
        order by rated.contract_rate desc, rated.subscription_rate desc
    ) as contract_rate_rank,
    as_of.as_of_date
from rated
cross join as_of
