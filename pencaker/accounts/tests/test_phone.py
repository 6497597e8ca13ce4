import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from pencaker.accounts.phone import phone_normalize


@pytest.mark.parametrize(
    "raw",
    [
        "081234567890",
        "+6281234567890",
        "6281234567890",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "(0812) 3456 7890",
        "006281234567890",
    ],
)
def test_common_ways_of_writing_a_mobile_number_become_e164(raw):
    assert phone_normalize(raw) == "+6281234567890"


@pytest.mark.parametrize("raw", ["", "abc", "0812", "12345", "+62 812 34x 7890", "0" * 30])
def test_invalid_numbers_are_refused_with_a_clear_message(raw):
    with pytest.raises(ValidationError) as exc:
        phone_normalize(raw)
    assert "0812 3456 7890" in " ".join(exc.value.messages)


def test_landline_number_is_refused_as_not_mobile():
    with pytest.raises(ValidationError) as exc:
        phone_normalize("0711 123456")  # Palembang landline
    assert exc.value.code == "not_mobile"


@given(st.text(max_size=40))
def test_normaliser_never_crashes_and_returns_e164_or_refuses(raw):
    try:
        result = phone_normalize(raw)
    except ValidationError:
        return
    assert result.startswith("+") and result[1:].isdigit()
