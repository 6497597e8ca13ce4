"""AK/1 card numbers: ``OOOO-YYYY-NNNNNN-C``.

``OOOO`` is the issuing office's code without punctuation (``16.71`` → ``1671``, the
Kemendagri code of the kabupaten/kota), ``YYYY`` the year of issue, ``NNNNNN`` the office's
sequence for that year and ``C`` a Damm check digit over all the digits before it.

The Damm algorithm (H. Michael Damm, 2004) uses a totally anti-symmetric quasigroup of
order 10: it detects every single-digit substitution and every transposition of two
adjacent digits, with one decimal digit (ISO 7064 MOD 11-10 needs no letter either but
misses some transpositions; MOD 97-10 needs two digits). See docs/adr/0007.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

SEQUENCE_DIGITS = 6
MAX_SEQUENCE = 10**SEQUENCE_DIGITS - 1
# Accepts what people type: spaces or dashes anywhere, or none at all.
_SHAPE = re.compile(r"^(\d{4})(\d{4})(\d{6})(\d)$", re.ASCII)


class CardNumberError(ValueError):
    """The text is not a card number. ``reason`` is ``format`` or ``check_digit``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def damm_check_digit(digits: str) -> int:
    """The Damm check digit of a string of decimal digits."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def damm_is_valid(digits_with_check: str) -> bool:
    """True when the last digit is the Damm check digit of the ones before it."""
    return bool(digits_with_check) and damm_check_digit(digits_with_check) == 0


def office_digits(office_code: str) -> str:
    """The four digits of a kabupaten/kota code (``16.71`` → ``1671``)."""
    digits = re.sub(r"\D", "", office_code or "", flags=re.ASCII)
    if len(digits) < 4:
        raise ValueError(f"office code {office_code!r} has fewer than four digits")
    return digits[:4]


def format_card_number(*, office_code: str, year: int, sequence: int) -> str:
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValueError("sequence out of range")
    if not 1000 <= year <= 9999:
        raise ValueError("year out of range")
    body = f"{office_digits(office_code)}{year:04d}{sequence:0{SEQUENCE_DIGITS}d}"
    check = damm_check_digit(body)
    return f"{body[:4]}-{body[4:8]}-{body[8:]}-{check}"


@dataclass(frozen=True)
class ParsedCardNumber:
    office: str
    year: int
    sequence: int
    check: int

    @property
    def canonical(self) -> str:
        return f"{self.office}-{self.year:04d}-{self.sequence:0{SEQUENCE_DIGITS}d}-{self.check}"


def parse_card_number(text: str) -> ParsedCardNumber:
    """Parse what a person typed or scanned; raise ``CardNumberError`` with the reason.

    The check digit is tested before anything is looked up, so a typing mistake is
    answered as such without touching the database.
    """
    compact = re.sub(r"[\s\-./]", "", str(text or ""))
    match = _SHAPE.match(compact) if len(compact) <= 32 else None
    if match is None:
        raise CardNumberError("format")
    if not damm_is_valid(compact):
        raise CardNumberError("check_digit")
    office, year, sequence, check = match.groups()
    return ParsedCardNumber(office, int(year), int(sequence), int(check))
