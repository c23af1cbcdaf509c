{#- int_customer_follow_up_monthly is incremental by month (and int_consultant_monthly by
    the same rule: see that model).

    Its counts at a month end E (prospects not lapsed, neglected customers) read only rows
    dated on or before E: customers received by E, contacts by E, deals started and ended by
    E. A later D adds rows dated after the old D only, so the months before the old D's month
    stay right as long as no other export changed. Such rows can still add lapsed customers
    to an earlier month end (a customer's snapshots run to their last contact + horizon +
    31 days), but a lapsed customer counts in neither figure, and groups that count nobody
    are left out, so the counts and the rows are those of a build from scratch.

    The build pipeline sets HUILONG_CHANGED_RAW_TABLES on a build that reruns only the
    models of changed raw tables. When that is receipts alone, which moves D and nothing
    else here, the pre-hook keeps the months before the earlier of the table's last month
    and D's month, and the body works out the months after the last one kept. Any other
    change (or a direct dbt run) empties the table and builds every month; a full build
    passes --full-refresh. -#}

{#- True when the build reruns only the models of raw.receipts. -#}
{% macro only_receipts_changed() -%}
    {{- return((env_var('HUILONG_CHANGED_RAW_TABLES', '') | trim) == 'raw.receipts') -}}
{%- endmacro %}

{#- The first month a receipts-only run drops (a SQL date): the earlier of the table's last
    month and D's month.

    `month_end_kept`: for a table whose rows depend on the snapshot date alone (not on D's
    receipts), the last month is kept too when its row was taken on that month's last day,
    i.e. the published D was a month end and D has moved past it: the row of D's month was
    then the month end's row a build from scratch makes. A day of receipts after a month-end
    build (D 10-31 to 11-01) then works out no month end again. -#}
{% macro team_monthly_first_dropped(column='snapshot_month', month_end_kept=false) -%}
    {%- set move = as_of_move() if month_end_kept else none -%}
    least(
        (
            select
            {%- if move is not none and move.published == move.after and move.after != move.through %}
                case
                    when date '{{ move.published }}' = last_day(date '{{ move.published }}')
                        and max({{ column }}) = date_trunc('month', date '{{ move.published }}')
                        then cast(max({{ column }}) + interval 1 month as date)
                    else max({{ column }})
                end
            {%- else %}
                max({{ column }})
            {%- endif %}
            from {{ this }}
        ),
        cast(date_trunc('month', {{ as_of_date() }}) as date)
    )
{%- endmacro %}

{#- Pre-hook (inside dbt's transaction, before the insert): drop the months not kept. -#}
{% macro team_monthly_prune(column='snapshot_month', month_end_kept=false) -%}
    {%- if is_incremental() -%}
        {%- if only_receipts_changed() -%}
            delete from {{ this }}
            where {{ column }} >= {{ team_monthly_first_dropped(column, month_end_kept) }}
        {%- else -%}
            delete from {{ this }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The first snapshot date this run works out (a SQL date): the month after the last one
    kept; none on a first or full build (every month). `column`: the table's month column. -#}
{% macro team_monthly_from_date(column='snapshot_month') -%}
    {%- if is_incremental() -%}
        {{- return(
            "(select coalesce(cast(max(" ~ column ~ ") + interval 1 month as date), date '0001-01-01') from "
            ~ this ~ ")"
        ) -}}
    {%- endif -%}
    {{- return(none) -}}
{%- endmacro %}

{#- Whether this run of int_customer_follow_up_monthly works out a month end before D's
    month (a SQL-free answer, read when the model is compiled, before its pre-hook runs):
    false when the months the pre-hook keeps (before team_monthly_first_dropped) run to the
    month before D's, so that D's snapshot alone is new. True on a first or full build. -#}
{% macro team_monthly_redoes_month_ends(month_end_kept=false) -%}
    {%- if not (execute and is_incremental() and only_receipts_changed()) -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- set found = run_query(
        "select coalesce(max(snapshot_month) + interval 1 month"
        ~ " < cast(date_trunc('month', " ~ as_of_date() ~ ") as date), true)"
        ~ " from " ~ this ~ " where snapshot_month < "
        ~ team_monthly_first_dropped(month_end_kept=month_end_kept)
    ) -%}
    {{- return(found.columns[0].values()[0]) -}}
{%- endmacro %}

{#- A filter keeping the months `month_expr` this run works out, opened by `keyword` (and /
    where): on or after `since` (team_monthly_from_date()); nothing on a full build. -#}
{% macro team_month_from(since, month_expr, keyword='and') -%}
    {%- if since %}{{ keyword }} {{ month_expr }} >= {{ since }}{% endif -%}
{%- endmacro %}

{#- int_collection_action_outcomes is incremental by deal (and by action for actions on no
    deal).

    An action's row at D reads its deal's actions dated on or before D (the latest one
    before a payment takes it), the deal's customer payments dated on or before D, and the
    deal's settled lines (int_line_settlements); deal, customer and settings rows do not
    change when only receipts do. So when receipts are the only raw table that changed,
    a deal's rows can differ from the published ones only if
    - one of its receipts changed, as it was or as it is (stg_finance__receipts_changed
      gives the contract and subscription of both versions), or a payment of it is dated
      between the published D and this build's D;
    - its settled lines are worked out again (macro line_settlements_changed);
    - one of its actions is dated between the two D.
    The pre-hook deletes those deals' actions, and the actions on no deal dated between the
    two D; the body works out the actions the table does not hold. Any other change, or no
    published D, empties the table; a full build passes --full-refresh. -#}
{% macro collection_outcomes_not_kept(move) -%}
    {{ between_as_of_dates('action_date', move) }}
        or deal_id in (
            {{ line_settlements_changed(move) }}
            union all
            {{ deals_named_on(
                'select contract_id, subscription_id from '
                ~ ref('stg_finance__receipts_changed')) }}
            union all
            select deal_id from {{ ref('int_receipts_keyed') }}
            where {{ between_as_of_dates('receipt_date', move) }}
            union all
            {{ deals_named_on(
                'select contract_id, subscription_id from '
                ~ ref('stg_finance__collection_actions')
                ~ ' where ' ~ between_as_of_dates('action_date', move)) }}
        )
{%- endmacro %}

{#- The deals that the rows of `rows` (a query with contract_id and subscription_id) name by
    contract or by subscription, with repeats. Two equi-joins: one join on either column
    was a nested loop, 4.0 s for a day of receipts against 1 M deals at 1x large. -#}
{% macro deals_named_on(rows) -%}
    select deals.deal_id
    from ({{ rows }}) as named
    inner join {{ ref('int_deals_joined') }} as deals on named.contract_id = deals.contract_id
    union all
    select deals.deal_id
    from ({{ rows }}) as named
    inner join {{ ref('int_deals_joined') }} as deals
        on named.subscription_id = deals.subscription_id
{%- endmacro %}

{#- int_consultant_cohort_customers is incremental by customer (see that model). The
    customers whose row a move of D can change: received (first contact), or with a call or
    visit, a subscription or a signed contract, dated between the two D; folded duplicates'
    deals by their surviving customer. Both directions of the move: the staging rows, not
    the marts cut at the new D. -#}
{% macro cohort_customers_not_kept(move) -%}
    customer_id in (
        {{ customers_received_or_contacted_between(move) }}
        union all
        {{ surviving_customers_between(ref('stg_erp__subscriptions'), ['subscription_date'], move) }}
        union all
        {{ surviving_customers_between(ref('stg_erp__contracts'), ['sign_date'], move) }}
    )
{%- endmacro %}

{#- The customers received by D that a table incremental by customer does not hold: the ones
    its run works out (all of them on a first or full build). -#}
{% macro customers_received_not_kept() -%}
    select * from ({{ team_customers_received() }}) as received
    {{ where_not_kept('customer_id', 'customer_id', 'where') }}
{%- endmacro %}

{#- On an incremental run of a table incremental by customer, keep the rows whose customer
    (`customer`, a SQL expression) is worked out: in the CTE `customers`
    (customers_received_not_kept). -#}
{% macro customers_worked_out_only(customer) -%}
    {%- if is_incremental() %}
    where {{ customer }} in (select customer_id from customers)
    {%- endif %}
{%- endmacro %}

{#- int_customer_follow_up_touches is incremental by customer (see that model). The
    customers whose row a move of D can change: received (first contact), with a contact,
    or with a deal (by its surviving customer) starting or ending, between the two D. -#}
{% macro follow_up_touches_not_kept(move) -%}
    customer_id in (
        {{ customers_received_or_contacted_between(move) }}
        union all
        {{ surviving_customers_between(
            ref('int_deals_joined'), ['deal_start_date', 'deal_end_date'], move) }}
    )
{%- endmacro %}

{#- The customers (surviving) received, or with a contact, between the two D of `move`: what
    a customer's own dates change in the tables incremental by customer. -#}
{% macro customers_received_or_contacted_between(move) -%}
    select customer_id from {{ ref('int_customers_folded') }}
    where {{ between_as_of_dates('first_contact_date', move) }}
    union all
    select customer_id from {{ ref('int_contacts_folded_all_dates') }}
    where {{ between_as_of_dates('contact_date', move) }}
{%- endmacro %}

{#- The surviving customers of the rows of `relation` (with a customer_id) dated between the
    two D of `move` on any of `date_columns`: a folded duplicate's rows count for the
    customer it was folded into. -#}
{% macro surviving_customers_between(relation, date_columns, move) -%}
    select coalesce(merged.surviving_customer_id, dated.customer_id)
    from {{ relation }} as dated
    left join {{ ref('int_customers_merged_duplicates') }} as merged on dated.customer_id = merged.customer_id
    where
    {%- for column in date_columns %}
        {{ 'or ' if not loop.first }}{{ between_as_of_dates('dated.' ~ column, move) }}
    {%- endfor %}
{%- endmacro %}
