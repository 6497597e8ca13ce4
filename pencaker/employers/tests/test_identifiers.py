import pytest
from hypothesis import given
from hypothesis import strategies as st

from pencaker.core.errors import DomainError
from pencaker.employers.identifiers import luhn_valid, nib_normalize, npwp_format, npwp_normalize
from pencaker.regions.nik import build_nik


def _luhn_digit(body: str) -> str:
    for digit in "0123456789":
        if luhn_valid(body + digit):
            return digit
    raise AssertionError("no Luhn digit")


@given(st.from_regex(r"\d{13}", fullmatch=True))
def test_any_thirteen_digits_are_a_nib_whatever_the_separators(digits):
    spaced = f"{digits[:4]} {digits[4:8]}-{digits[8:]}"
    assert nib_normalize(spaced) == digits


@given(st.from_regex(r"\d{1,12}|\d{14,20}", fullmatch=True))
def test_a_nib_of_another_length_is_refused_with_its_field(digits):
    with pytest.raises(DomainError) as info:
        nib_normalize(digits)
    assert info.value.code == "invalid_nib"
    assert "nib" in info.value.details["fields"]


@given(st.from_regex(r"\d{8}", fullmatch=True), st.from_regex(r"\d{6}", fullmatch=True))
def test_a_fifteen_digit_npwp_with_its_luhn_digit_is_accepted_formatted_or_not(body, tail):
    number = body + _luhn_digit(body) + tail
    assert npwp_normalize(number) == number
    assert npwp_normalize(npwp_format(number)) == number


@given(st.from_regex(r"\d{8}", fullmatch=True), st.from_regex(r"\d{6}", fullmatch=True))
def test_a_wrong_npwp_check_digit_is_named(body, tail):
    good = _luhn_digit(body)
    bad = str((int(good) + 1) % 10)
    with pytest.raises(DomainError) as info:
        npwp_normalize(body + bad + tail)
    assert info.value.code == "invalid_npwp"
    assert info.value.details["fields"]["npwp"] == [info.value.message]


def test_the_new_sixteen_digit_npwp_is_zero_plus_the_old_number():
    assert npwp_normalize("0013121660091000") == "0013121660091000"
    with pytest.raises(DomainError):
        npwp_normalize("0013121670091000")


def test_a_sixteen_digit_npwp_of_a_citizen_must_be_a_valid_nik():
    import datetime as dt

    nik = build_nik(district_code="16.71.01", birth_date=dt.date(1990, 1, 2), sex="M", serial=1)
    assert npwp_normalize(nik) == nik
    with pytest.raises(DomainError) as info:
        npwp_normalize("1671019913900001")  # month 13
    assert info.value.code == "invalid_npwp"


@pytest.mark.parametrize("raw", ["", "12345", "01.312.166.0-091", "0131216600910001x"])
def test_npwp_shapes_that_are_not_numbers_are_refused(raw):
    with pytest.raises(DomainError):
        npwp_normalize(raw)


def test_npwp_format_writes_the_printed_form():
    assert npwp_format("013121660091000") == "01.312.166.0-091.000"
