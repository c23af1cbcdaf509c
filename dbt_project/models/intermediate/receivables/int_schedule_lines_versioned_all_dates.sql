{#- Positive schedule lines with their FIFO running due C_i, per validity period.

    Which lines exist changes only on the key dates of a deal's lines (subscription date,
    sign date), so C_i is constant between them: each distinct line_start_date of a deal and
    payer opens a regime, and a line gets one version per regime it exists in. A version is
    valid on [valid_from, valid_to): inside its regime and while the deal is live; valid_to is
    null while neither has ended.

    Not cut at D, so that a day of new receipts (which moves D) leaves this table as
    published; int_schedule_lines_versioned is the view of it up to D. Cutting later gives the
    same versions: a regime starting after D holds only lines starting after D, and is dropped
    there with them, and a regime's end after D becomes D + 1 either way. -#}
{{ config(batched={'rows_of': 'int_schedule_lines_keyed', 'rows_per_gb': 2000000}) }}
with lines as (
    select * from {{ ref('int_schedule_lines_keyed') }}
    where amount_due > 0
        and {{ batch_filter('deal_id') }}
),

regimes as (
    select distinct deal_id, payer, line_start_date as regime_start_date
    from lines
),

regimes_bounded as (
    select
        *,
        lead(regime_start_date) over (partition by deal_id, payer order by regime_start_date)
            as regime_end_date
    from regimes
),

versions as (
    select
        lines.*,
        regimes_bounded.regime_start_date,
        regimes_bounded.regime_end_date,
        sum(lines.amount_due) over (
            partition by lines.deal_id, lines.payer, regimes_bounded.regime_start_date
            order by lines.due_date, lines.schedule_id
            rows between unbounded preceding and current row
        ) as cumulative_due_amount
    from lines
    inner join regimes_bounded
        on lines.deal_id = regimes_bounded.deal_id
        and lines.payer = regimes_bounded.payer
        and lines.line_start_date <= regimes_bounded.regime_start_date
),

bounded as (
    select
        versions.*,
        greatest(versions.regime_start_date, versions.deal_start_date) as valid_from,
        -- DuckDB's least() passes over a null: the earlier of the ends known, null if none
        least(versions.regime_end_date, versions.deal_end_date) as valid_to
    from versions
)

select
    schedule_id,
    regime_start_date,
    deal_id,
    contract_id,
    subscription_id,
    project_id,
    customer_id,
    payer,
    item,
    due_date,
    line_start_date,
    deal_start_date,
    deal_end_date,
    sign_date,
    amount_due,
    cast(cumulative_due_amount as decimal(18, 2)) as cumulative_due_amount,
    valid_from,
    valid_to
from bounded
where valid_to is null or valid_from < valid_to
