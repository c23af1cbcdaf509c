{#- Masking of personal data in published dimensions (dim_customer).
    Phone: first 3 and last 4 digits kept, the middle shown as 4 stars (138****5678); numbers
    shorter than 8 characters keep only their last 4. Id number: only the last 4 characters
    kept, every other character a star (keeps the length, hides the birth date and region). -#}
{% macro sales_mask_phone(column) -%}
(case
    when nullif(trim({{ column }}), '') is null then null
    when length(regexp_replace(trim({{ column }}), '[^0-9]', '', 'g')) >= 8
        then left(regexp_replace(trim({{ column }}), '[^0-9]', '', 'g'), 3) || '****'
            || right(regexp_replace(trim({{ column }}), '[^0-9]', '', 'g'), 4)
    else '****' || right(trim({{ column }}), 4)
end)
{%- endmacro %}

{% macro sales_mask_id_number(column) -%}
(case
    when nullif(trim({{ column }}), '') is null then null
    when length(trim({{ column }})) <= 4 then repeat('*', length(trim({{ column }})))
    else repeat('*', length(trim({{ column }})) - 4) || right(trim({{ column }}), 4)
end)
{%- endmacro %}
