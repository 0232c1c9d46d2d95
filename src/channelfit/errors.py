"""The error contract: every failure a caller can cause is a ``ChannelfitError``.

Each error carries machine-readable fields (``field``, ``value``, ``allowed``)
and a one-line ``str()`` that a CLI can print as is.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "CatalogError",
    "finite_number",
    "allowed_from",
    "ChannelfitError",
    "EvidenceError",
    "InfeasibleError",
    "ProfileError",
]


#: Control characters and line separators: never printed raw in a one-line message or a table cell.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _one_line(text: str) -> str:
    """``text`` with control characters (newlines included) shown as escapes: messages stay one line."""
    return CONTROL_CHARACTERS.sub(lambda match: repr(match.group())[1:-1], text)


#: Longest parts of an error, in characters: whatever a caller sends, an error stays short.
MAX_MESSAGE_CHARS = 300
MAX_FIELD_CHARS = 120
MAX_VALUE_CHARS = 80
MAX_ALLOWED_CHARS = 600


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ChannelfitError(ValueError):
    """Base class of every error channelfit raises on bad input or data.

    Parameters
    ----------
    message
        What went wrong, in one line.
    field
        Dotted path of the offending field (``"budget.monthly"``), or ``None``.
    value
        The offending value as given.
    allowed
        What would have been accepted, in words.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        allowed: str | None = None,
    ) -> None:
        self.message = _clip(" ".join(str(message).split()), MAX_MESSAGE_CHARS)
        self.field = None if field is None else _clip(field, MAX_FIELD_CHARS)
        self.value = _clip(value, MAX_VALUE_CHARS) if isinstance(value, str) else value
        self.allowed = None if allowed is None else _clip(allowed, MAX_ALLOWED_CHARS)
        super().__init__(_one_line(self._line()))

    def _line(self) -> str:
        parts = []
        if self.field is not None:
            parts.append(f"{self.field}: ")
        parts.append(self.message)
        if self.allowed is not None:
            parts.append(f" (allowed: {' '.join(self.allowed.split())})")
        return "".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready dict: ``type``, ``message``, ``field``, ``value``, ``allowed``."""
        value = self.value
        if not isinstance(value, (str, int, float, bool, type(None))):
            value = _short(value, MAX_VALUE_CHARS)
        return {
            "type": type(self).__name__,
            "message": str(self),
            "field": self.field,
            "value": value,
            "allowed": self.allowed,
        }


class ProfileError(ChannelfitError):
    """The organisation profile is invalid: wrong type, out of range, unknown id."""


class CatalogError(ChannelfitError):
    """A data file is invalid. ``file``, ``row`` (1-based line number) and ``column`` say where."""

    def __init__(
        self,
        message: str,
        *,
        file: str,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        allowed: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        where = file if row is None else f"{file}, row {row}"
        field = where if column is None else f"{where}, column {column}"
        super().__init__(message, field=field, value=value, allowed=allowed)


class InfeasibleError(ChannelfitError):
    """No mix satisfies the hard limits; ``field`` names the limit that blocks."""


class EvidenceError(ChannelfitError):
    """A plan-do-check-adjust evidence state or a results table is corrupt or does not match."""


def finite_number(value: Any) -> float | None:
    """``value`` as a finite float, or ``None`` when it is not a number a float can hold (bools, text,
    NaN, infinities, integers too large for a float): the one converter for numbers a caller gives."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            import numpy as np

            if not isinstance(value, (np.integer, np.floating)):
                return None
        except ImportError:  # pragma: no cover - numpy is a dependency
            return None
    try:
        number = float(value)
    except (OverflowError, ValueError):
        return None
    return number if math.isfinite(number) else None


def allowed_from(error: Mapping[str, Any]) -> str | None:
    """What a pydantic error (one item of ``ValidationError.errors()``) says is allowed, in words."""
    ctx = error.get("ctx") or {}
    bounds = [f"{op} {ctx[key]}" for key, op in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")) if key in ctx]
    if bounds:
        return " and ".join(bounds)
    if "expected" in ctx:
        return str(ctx["expected"])
    if "max_length" in ctx:
        return f"at most {ctx['max_length']} characters"
    if "pattern" in ctx:
        return f"text matching {ctx['pattern']}"
    kind = str(error.get("type", ""))
    for prefixes, words in (
        (("missing",), "a value (this field is required)"),
        (("float", "finite"), "a finite number"),
        (("int",), "a whole number"),
        (("bool",), "true or false"),
        (("string", "str"), "a string"),
        (("tuple",), "a list of two whole numbers"),
    ):
        if kind.startswith(prefixes):
            return words
    return None
