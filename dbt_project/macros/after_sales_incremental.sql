{#- int_service_pipeline_states is incremental by contract.

    A contract's row per service at D is a function of the contract (live at D or not, and
    its attributes) and of its milestones dated on or before D. A day of new receipts
    changes neither export; it moves D only. So a stored contract still holds at the new D
    when it is still live with the same attributes and no milestone of it lies between the
    two dates. Without the old D, the stored rows tell that: the contract's latest stored
    milestone date L (over its services) is its latest milestone on or before the old D,
    so a milestone lies between the two dates exactly when L is after the new D (D moved
    back) or a milestone is dated after L and on or before the new D (D moved forward).

    When receipts are the only raw table that changed (HUILONG_CHANGED_RAW_TABLES), the
    pre-hook deletes the contracts that fail either test, and the body works out the live
    contracts the table does not hold. Any other change (or a direct dbt run) empties the
    table and works out every contract; a full build passes --full-refresh. -#}

{#- Pre-hook (inside dbt's transaction, before the insert): drop the contracts not kept. -#}
{% macro service_pipeline_prune() -%}
    {%- if is_incremental() -%}
        {%- if only_receipts_changed() -%}
            delete from {{ this }}
            where contract_id in (
                -- no longer live at D, or live with other attributes
                select contract_id from (
                    select distinct
                        contract_id, project_id, unit_id, customer_id, consultant_id,
                        payment_method, loan_amount, sign_date
                    from {{ this }}
                    except
                    select
                        contract_id, project_id, unit_id, customer_id, consultant_id,
                        payment_method, loan_amount, sign_date
                    from {{ ref('int_deals_snapshotted') }}
                    where is_live_contract
                )
                union all
                -- a milestone between the old D and the new one
                select kept.contract_id
                from (
                    select contract_id, max(current_milestone_date) as latest_date
                    from {{ this }}
                    group by contract_id
                ) as kept
                left join {{ ref('int_service_events_sequenced_all_dates') }} as events
                    on kept.contract_id = events.contract_id
                    and events.event_date <= {{ as_of_date() }}
                    and (kept.latest_date is null or events.event_date > kept.latest_date)
                where kept.latest_date > {{ as_of_date() }} or events.contract_id is not null
            )
        {%- else -%}
            delete from {{ this }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
