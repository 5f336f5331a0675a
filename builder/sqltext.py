"""Text expressions that mean the same on SQLite and PostgreSQL: lower case and substring search."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class folded(FunctionElement):  # noqa: N801 (an SQL function's name)
    """lower(text) as Python's str.lower: PostgreSQL's lower(), SQLite's unicode_lower (registered per
    connection in builder/web/security.py; SQLite's own lower() leaves Å, Ä, Ö as they are)."""

    type = sa.String()
    inherit_cache = True


@compiles(folded)
def _folded_default(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(folded, "sqlite")
def _folded_sqlite(element, compiler, **kw):
    return f"unicode_lower({compiler.process(element.clauses, **kw)})"


def contains_folded(column, needle: str):
    """`needle` anywhere in `column`, ignoring case; %, _ and the escape character in it are literal."""
    return folded(column).contains(needle.lower(), autoescape=True)
