{#- Each deal's state at the as-of date D (metrics: "As-of date and what is live"):
    - a contract is live at D if sign_date <= D and it is not cancelled on or before D;
    - a subscription without a contract signed by D is live at D if subscription_date <= D and
      it is neither cancelled nor signed on or before D.
    A deal whose contract is signed after D is, at D, still a live subscription. -#}
with deals as (
    select * from {{ ref('int_deals_joined') }}
),

as_of as (
    select as_of_date from {{ ref('int_as_of_date') }}
),

flagged as (
    select
        deals.*,
        as_of.as_of_date,
        {{ deal_live_at('as_of.as_of_date', 'deals') }} as is_live,
        deals.contract_id is not null and deals.sign_date <= as_of.as_of_date
            as is_signed_by_as_of
    from deals
    cross join as_of
)

select
    *,
    is_live and is_signed_by_as_of as is_live_contract,
    is_live and not is_signed_by_as_of as is_live_subscription,
    case
        when deal_start_date > as_of_date then 'not_started'
        when is_live and is_signed_by_as_of then 'live_contract'
        when is_live then 'live_subscription'
        when is_signed_by_as_of then 'cancelled_contract'
        when subscription_status = 'signed' then 'signed_not_exported'
        else 'cancelled_subscription'
    end as deal_state_at_as_of
from flagged
