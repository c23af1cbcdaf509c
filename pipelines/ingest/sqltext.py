"""Quoting for the few SQL texts built from the export contract.

Identifiers and enum spellings come from the project's own YAML contract, never from a landing
file; values read from files always travel as bound parameters or as column data.
"""

from __future__ import annotations


def ident(name: str) -> str:
    """A double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A single-quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
