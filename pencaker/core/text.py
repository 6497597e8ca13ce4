"""The one cleaner for text that is stored: names, places, addresses, free-text notes.

Control characters (Unicode category Cc), format characters (Cf: the bidirectional
overrides such as U+202E, zero-width spaces, the byte-order mark) and lone surrogates (Cs)
never reach a stored name or note: a right-to-left override inside a holder name makes a
signed card read differently from what was checked. Free text keeps tabs and newlines.

The request-level rule (a NUL byte or a lone surrogate anywhere in a request answers 400)
is ``pencaker.core.input_rules``; this module is what services call before they save.
"""

from __future__ import annotations

import re
import unicodedata

_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
FORBIDDEN = re.compile(r"[\x00\ud800-\udfff]")


def has_forbidden_characters(value: str) -> bool:
    """A NUL byte or a lone UTF-16 surrogate: no database stores them, no form needs them."""
    return FORBIDDEN.search(value) is not None


def text_clean(value: str, *, multiline: bool = False) -> str:
    """``value`` without control, format and surrogate characters.

    ``multiline`` (free text): line breaks become ``\\n`` and tabs stay; otherwise every
    line break and tab becomes a space. Leading and trailing space is removed.
    """
    value = _LINE_BREAKS.sub("\n", value or "")
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    kept = (
        ch
        for ch in value
        if (multiline and ch in "\t\n") or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )
    return "".join(kept).strip()


def name_clean(value: str) -> str:
    """A name, a place or an address line: ``text_clean`` with runs of spaces collapsed."""
    return " ".join(text_clean(value).split())
