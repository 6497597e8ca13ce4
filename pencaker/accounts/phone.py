"""Mobile numbers: parse what people type in Indonesia and store E.164.

People write the same number as 0812-3456-7890, +62 812 3456 7890 or 6281234567890;
all three become +6281234567890.
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "ID"
_SEPARATORS = re.compile(r"[\s\-().]")
_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}

INVALID_MESSAGE = _(
    "This is not a valid mobile number. Write it like 0812 3456 7890 or +62 812 3456 7890."
)


def phone_normalize(raw: str) -> str:
    """Return the number in E.164 (``+6281234567890``) or raise ``ValidationError``."""
    text = _SEPARATORS.sub("", raw or "")
    if text.startswith("00"):
        text = "+" + text[2:]
    elif text.startswith("62"):
        text = "+" + text
    if not text or len(text) > 20 or not re.fullmatch(r"\+?\d+", text):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="invalid_phone")
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise ValidationError(
            _("This looks like a landline number. Please give a mobile number."),
            code="not_mobile",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
