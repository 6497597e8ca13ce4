"""Business identifiers: NIB (OSS) and NPWP (tax number), as people type them.

* **NIB** (Nomor Induk Berusaha, issued by OSS since PP 24/2018): 13 digits. No check digit
  is published, so only the shape is checked.
* **NPWP** (Nomor Pokok Wajib Pajak): the old 15-digit form ``ST.sss.sss.C-OOO.BBB`` whose
  9th digit is a Luhn (mod 10) check over the first nine; since PMK 112/2022 the 16-digit
  form is the NIK for citizens or ``0`` + the old 15 digits for entities (the Luhn check
  then covers the first ten).

``nib_normalize`` and ``npwp_normalize`` return the bare digits or raise ``DomainError``
with a message that says what to fix.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from pencaker.core.errors import DomainError
from pencaker.employers.errors import EmployerError
from pencaker.regions.nik import NikError, parse_nik

_SEPARATORS = re.compile(r"[\s.\-/]")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(raw: str) -> str:
    return _SEPARATORS.sub("", raw or "")


def nib_normalize(raw: str) -> str:
    value = _digits(raw)
    if not re.fullmatch(r"\d{13}", value):
        message = _("The NIB has 13 digits, for example 9120001234567.")
        raise DomainError(EmployerError.INVALID_NIB, message, fields={"nib": [message]})
    return value


def npwp_normalize(raw: str) -> str:
    value = _digits(raw)

    def invalid(message: str) -> DomainError:
        return DomainError(EmployerError.INVALID_NPWP, message, fields={"npwp": [message]})

    if not re.fullmatch(r"\d{15}|\d{16}", value):
        return_message = _(
            "The NPWP has 15 digits (01.234.567.8-012.000) or 16 digits (the new form)."
        )
        raise invalid(return_message)
    if len(value) == 16 and not value.startswith("0"):
        # The 16-digit NPWP of a citizen is the NIK.
        try:
            parse_nik(value)
        except NikError as exc:
            raise invalid(
                _("This 16-digit NPWP is not a valid NIK: %(reason)s") % {"reason": exc.message}
            ) from exc
        return value
    checked = value[:9] if len(value) == 15 else value[:10]
    if not luhn_valid(checked):
        raise invalid(_("This NPWP has a wrong check digit. Check every digit again."))
    return value


def npwp_format(value: str) -> str:
    """``013121660091000`` → ``01.312.166.0-091.000`` (16-digit numbers stay as they are)."""
    if len(value) != 15:
        return value
    return f"{value[:2]}.{value[2:5]}.{value[5:8]}.{value[8]}-{value[9:12]}.{value[12:]}"
