"""NIK (Nomor Induk Kependudukan), the 16-digit population number on the KTP.

Layout: ``PP KK CC DDMMYY SSSS``

* ``PP KK CC``: province, kabupaten/kota and kecamatan codes of the place where the NIK was
  FIRST ISSUED (Kemendagri codes, ``16``, ``16.71``, ``16.71.01``);
* ``DD``: day of birth, plus 40 for women (``45`` = the 5th, female);
* ``MM``, ``YY``: month and two-digit year of birth;
* ``SSSS``: serial number, never ``0000``.

What is checked: 16 ASCII digits (spaces are ignored), a known province code, a day in
1–31 or 41–71, a month in 1–12, a real calendar date that is not in the future, a serial
other than ``0000``.

What is deliberately NOT checked: that the region prefix matches the person's address or
even an existing kabupaten/kecamatan. The prefix records where the NIK was first issued and
never changes when people move (or when a region is split and renumbered), so a citizen of
Kota Palembang may hold a NIK starting with 32. Rejecting on it would lock out movers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pencaker.core.errors import DomainError
from pencaker.regions.errors import RegionErrorCode

NIK_LENGTH = 16

# The 38 provinces of Kepmendagri 300.2.2-2138/2025, including the Papua provinces created
# in 2022 (93 Papua Selatan, 94 Papua Tengah, 95 Papua Pegunungan, 96 Papua Barat Daya).
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

FEMALE_DAY_OFFSET = 40
_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]*")  # ASCII only: str.isdigit() accepts e.g. Arabic-Indic digits


class NikError(DomainError):
    """A NIK failed a check. Stable codes:

    ``nik_not_digits``, ``nik_length``, ``nik_province``, ``nik_day``, ``nik_month``,
    ``nik_date`` (not a real calendar date, or not in the past), ``nik_serial``.
    """


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str  # "16"
    regency_code: str  # "16.71"
    district_code: str  # "16.71.01"
    birth_date: date
    sex: str  # "M" or "F"
    serial: str  # "0001"


def normalize_nik(value: str | None) -> str:
    """Remove the spaces people type to read the number in groups (the one NIK normaliser:
    forms, services and the API all use it). Dots and dashes are kept, so that
    :func:`parse_nik` refuses them with ``nik_not_digits`` rather than guessing."""
    return _WHITESPACE.sub("", value or "")


def _sex_and_day(raw_day: int) -> tuple[str, int]:
    """Digits 7-8 of a NIK: the day of birth, plus 40 for women (the one place this rule
    is written). Returns ``(sex, day of the month)``; the caller checks the day's range."""
    if raw_day > FEMALE_DAY_OFFSET:
        return "F", raw_day - FEMALE_DAY_OFFSET
    return "M", raw_day


def nik_sex(value: str) -> str:
    """``"F"`` or ``"M"`` from the day digits of a 16-digit NIK, ``""`` for anything else.

    For data already stored (a card's frozen NIK) where a full :func:`parse_nik` is not
    wanted; use ``parse_nik(value).sex`` to check a NIK a person typed.
    """
    nik = normalize_nik(value)
    if len(nik) != NIK_LENGTH or not _DIGITS.fullmatch(nik):
        return ""
    return _sex_and_day(int(nik[6:8]))[0]


def _birth_date(day: int, month: int, yy: int, today: date) -> date:
    """The NIK carries only two year digits. Take the most recent century in which the
    date exists and is not after ``today``: with today in 2026, ``YY=26`` means 2026 and
    ``YY=27`` means 1927. A NIK is issued at birth registration, so a future date is
    impossible; this misreads only people over 100 years old, which is acceptable for a
    job-seeker service.
    """
    century = today.year // 100 * 100
    for year in (century + yy, century - 100 + yy):
        if year < 1 or day > calendar.monthrange(year, month)[1]:
            continue  # e.g. 29 February in a non-leap year
        candidate = date(year, month, day)
        if candidate <= today:
            return candidate
    raise NikError(
        RegionErrorCode.NIK_DATE,
        _(
            "The date of birth in the NIK (digits 7 to 12: %(day)02d-%(month)02d-%(yy)02d) is "
            "not a real date. Check that you copied the NIK from your KTP correctly."
        )
        % {"day": day, "month": month, "yy": yy},
    )


def parse_nik(value: str, *, today: date | None = None) -> NikInfo:
    """Check a NIK and read the birth date, sex and region codes out of it.

    Raises :class:`NikError` with a stable ``code`` and a message that tells the person
    what to fix. ``today`` (default ``date.today()``) decides the century; see
    :func:`_birth_date`.
    """
    today = today or date.today()
    nik = normalize_nik(value)
    if not _DIGITS.fullmatch(nik):
        raise NikError(
            RegionErrorCode.NIK_NOT_DIGITS,
            _("The NIK may contain only the digits 0 to 9. Copy the 16 digits from your KTP."),
        )
    if len(nik) != NIK_LENGTH:
        raise NikError(
            RegionErrorCode.NIK_LENGTH,
            _("The NIK must be exactly 16 digits; you entered %(count)d. Check your KTP.")
            % {"count": len(nik)},
            details={"length": len(nik)},
        )
    province = nik[0:2]
    if province not in PROVINCE_CODES:
        raise NikError(
            RegionErrorCode.NIK_PROVINCE,
            _(
                "The NIK must start with a province code; %(code)s is not one. "
                "Check the first two digits against your KTP."
            )
            % {"code": province},
        )
    raw_day, month, yy, serial = int(nik[6:8]), int(nik[8:10]), int(nik[10:12]), nik[12:16]
    sex, day = _sex_and_day(raw_day)
    if not 1 <= day <= 31:
        raise NikError(
            RegionErrorCode.NIK_DAY,
            _(
                "Digits 7 and 8 of the NIK are the day of birth: 01 to 31, or 41 to 71 for "
                "women. %(day)02d is neither. Check the NIK on your KTP."
            )
            % {"day": raw_day},
        )
    if not 1 <= month <= 12:
        raise NikError(
            RegionErrorCode.NIK_MONTH,
            _(
                "Digits 9 and 10 of the NIK are the month of birth (01 to 12); %(month)02d is "
                "not a month. Check the NIK on your KTP."
            )
            % {"month": month},
        )
    birth_date = _birth_date(day, month, yy, today)
    if serial == "0000":
        raise NikError(
            RegionErrorCode.NIK_SERIAL,
            _("The last four digits of a NIK are never 0000. Check the NIK on your KTP."),
        )
    return NikInfo(
        nik=nik,
        province_code=province,
        regency_code=f"{nik[0:2]}.{nik[2:4]}",
        district_code=f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}",
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def build_nik(*, district_code: str, birth_date: date, sex: str, serial: str | int = 1) -> str:
    """The inverse of :func:`parse_nik`, for factories, demo data and tests."""
    day = birth_date.day + (FEMALE_DAY_OFFSET if sex == "F" else 0)
    return (
        district_code.replace(".", "")
        + f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        + f"{int(serial):04d}"
    )


def nik_mask(value: str) -> str:
    """Mask a NIK for lists, logs and staff screens that do not need it in full.

    Keeps the first 6 digits (the issuing kecamatan, which is public information and helps
    staff tell NIKs apart) and the last 2; hides the birth date, the sex and most of the
    serial, which together identify a person: ``1671014501900001`` → ``167101********01``.
    Anything shorter than 8 characters is masked completely.
    """
    nik = normalize_nik(value)
    if len(nik) < 8:
        return "*" * len(nik)
    return nik[:6] + "*" * (len(nik) - 8) + nik[-2:]


def validate_nik(value: str) -> None:
    """Django validator (for model and form fields) wrapping :func:`parse_nik`."""
    try:
        parse_nik(value)
    except NikError as exc:
        raise ValidationError(exc.message, code=exc.code) from exc


class NIKField(forms.CharField):
    """A form field for the NIK: strips spaces, checks it with :func:`parse_nik` and
    returns the 16-digit string. Call ``parse_nik`` on the cleaned value to read the birth
    date and sex (e.g. to compare them with the rest of the form).

    It never compares the region prefix with an address: see the module docstring.
    """

    default_validators = [validate_nik]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", gettext_lazy("NIK (16 digits on your KTP)"))
        super().__init__(**kwargs)
        # Room for typed spaces; the length itself is checked by parse_nik with a clear message.
        self.widget.attrs.setdefault("maxlength", "32")
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value: str | None) -> str:
        return normalize_nik(super().to_python(value) or "")
