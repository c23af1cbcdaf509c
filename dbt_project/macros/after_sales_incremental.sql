{#- int_service_pipeline_states is incremental by contract.

    A contract's row per service at D is a function of the contract (live at D or not, and
    its attributes) and of its milestones dated on or before D. A day of new receipts
    changes neither export; it moves D only. So a stored contract still holds at the new D
    when it is still live with the same attributes and no milestone of it is dated between
    the published D and this build's D (macro as_of_move).

    When receipts are the only raw table that changed (HUILONG_CHANGED_RAW_TABLES), the
    pre-hook deletes the contracts that fail either test, and the body works out the live
    contracts the table does not hold. Any other change, or no published D, empties the
    table and works out every contract; a full build passes --full-refresh. -#}

{#- The rows the pre-hook (prune_on_as_of_move) drops, given how D moved. -#}
{% macro service_pipeline_not_kept(move) -%}
    contract_id in (
        -- no longer live at D, or live with other attributes
        select contract_id from (
            select
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
        select contract_id from {{ ref('int_service_events_sequenced_all_dates') }}
        where {{ between_as_of_dates('event_date', move) }}
    )
{%- endmacro %}
