from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pencaker.core.errors import DomainError
from pencaker.regions.nik import (
    PROVINCE_CODES,
    NikError,
    NIKField,
    build_nik,
    nik_mask,
    nik_sex,
    parse_nik,
)

TODAY = date(2026, 6, 15)


def code_of(value: str, today: date = TODAY) -> str:
    with pytest.raises(NikError) as caught:
        parse_nik(value, today=today)
    return caught.value.code


# --- examples ----------------------------------------------------------------------------


def test_parse_reads_region_birth_date_and_sex_of_a_woman():
    info = parse_nik("1671014501900001", today=TODAY)

    assert info.province_code == "16"
    assert info.regency_code == "16.71"
    assert info.district_code == "16.71.01"
    assert info.birth_date == date(1990, 1, 5)
    assert info.sex == "F"
    assert info.serial == "0001"
    assert info.nik == "1671014501900001"


def test_parse_reads_a_man_born_this_century():
    info = parse_nik("3273011712050123", today=TODAY)

    assert (info.birth_date, info.sex) == (date(2005, 12, 17), "M")


def test_parse_ignores_spaces_typed_between_groups():
    assert parse_nik(" 1671 0145 0190 0001 ", today=TODAY).nik == "1671014501900001"


def test_nik_error_is_a_domain_error():
    assert issubclass(NikError, DomainError)


@pytest.mark.parametrize("code", ["93", "94", "95", "96"])
def test_newer_papua_provinces_are_known(code):
    assert parse_nik(f"{code}01011501900001", today=TODAY).province_code == code


def test_there_are_38_province_codes():
    assert len(PROVINCE_CODES) == 38


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("167101450190000", "nik_length"),
        ("16710145019000011", "nik_length"),
        ("", "nik_length"),
        ("16710145019000a1", "nik_not_digits"),
        ("1671-0145-0190-0001", "nik_not_digits"),
        ("١٦٧١٠١٤٥٠١٩٠٠٠٠١", "nik_not_digits"),  # Arabic-Indic digits pass str.isdigit()
        ("2071014501900001", "nik_province"),
        ("0071014501900001", "nik_province"),
        ("1671010001900001", "nik_day"),
        ("1671013201900001", "nik_day"),
        ("1671014001900001", "nik_day"),
        ("1671017201900001", "nik_day"),
        ("1671011500900001", "nik_month"),
        ("1671011513900001", "nik_month"),
        ("1671013104900001", "nik_date"),
        ("1671017104900001", "nik_date"),
        ("1671013002900001", "nik_date"),
        ("1671012902230001", "nik_date"),  # 2023 and 1923 are not leap years
        ("1671011501900000", "nik_serial"),
    ],
)
def test_invalid_nik_is_refused_with_a_stable_code(value, code):
    assert code_of(value) == code


def test_29_february_is_accepted_in_a_leap_year():
    assert parse_nik("1671016902000001", today=TODAY).birth_date == date(2000, 2, 29)


def test_two_digit_year_takes_the_latest_century_not_in_the_future():
    assert parse_nik("1671011506260001", today=TODAY).birth_date == date(2026, 6, 15)
    assert parse_nik("1671011606260001", today=TODAY).birth_date == date(1926, 6, 16)
    assert parse_nik("1671011501270001", today=TODAY).birth_date == date(1927, 1, 15)


def test_29_february_of_a_future_leap_year_falls_back_a_century():
    assert parse_nik("1671012902280001", today=TODAY).birth_date == date(1928, 2, 29)


def test_messages_are_indonesian_by_default_and_english_on_switch():
    with translation.override("id"):
        indonesian = pytest.raises(NikError, parse_nik, "123", today=TODAY).value.message
    with translation.override("en"):
        english = pytest.raises(NikError, parse_nik, "123", today=TODAY).value.message

    assert "16 digit" in indonesian and "Anda" in indonesian
    assert english.startswith("The NIK must be exactly 16 digits; you entered 3.")


# --- masking -----------------------------------------------------------------------------


def test_mask_keeps_the_first_six_and_last_two_digits():
    assert nik_mask("1671014501900001") == "167101********01"
    assert nik_mask("1671 0145 0190 0001") == "167101********01"


def test_mask_hides_short_input_completely():
    assert nik_mask("1234567") == "*******"
    assert nik_mask("") == ""


# --- form field --------------------------------------------------------------------------


class NikForm(forms.Form):
    nik = NIKField()


def test_field_cleans_to_sixteen_digits():
    form = NikForm(data={"nik": "1671 0145 0190 0001"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nik"] == "1671014501900001"


def test_field_shows_the_parser_message_and_code():
    form = NikForm(data={"nik": "1671011501900000"})

    assert not form.is_valid()
    assert form.errors.as_data()["nik"][0].code == "nik_serial"


def test_field_never_compares_the_region_prefix_with_anything():
    # A Palembang resident may hold a NIK first issued in Bandung (32.73).
    form = NikForm(data={"nik": "3273014501900001"})

    assert form.is_valid()


def test_field_renders_a_numeric_keyboard_hint():
    html = str(NikForm()["nik"])

    assert 'inputmode="numeric"' in html
    assert 'maxlength="32"' in html


# --- properties --------------------------------------------------------------------------

districts = st.tuples(
    st.sampled_from(sorted(PROVINCE_CODES)),
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=1, max_value=99),
).map(lambda t: f"{t[0]}.{t[1]:02d}.{t[2]:02d}")
todays = st.dates(min_value=date(2000, 3, 1), max_value=date(2099, 12, 31))
serials = st.integers(min_value=1, max_value=9999)
sexes = st.sampled_from(["M", "F"])


@st.composite
def valid_parts(draw):
    today = draw(todays)
    # The century rule is unambiguous for anyone born less than 99 full years ago.
    born = draw(st.dates(min_value=date(today.year - 99, 1, 1), max_value=today))
    return draw(districts), born, draw(sexes), draw(serials), today


@given(valid_parts())
def test_every_valid_nik_round_trips(parts):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    info = parse_nik(nik, today=today)

    assert len(nik) == 16
    assert info.district_code == district
    assert info.regency_code == district[:5]
    assert info.province_code == district[:2]
    assert info.birth_date == born
    assert info.sex == sex
    assert info.serial == f"{serial:04d}"


def replace(nik: str, start: int, text: str) -> str:
    return nik[:start] + text + nik[start + len(text) :]


bad_provinces = st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")
bad_days = st.sampled_from([0, *range(32, 41), *range(72, 100)]).map(lambda n: f"{n:02d}")
bad_months = st.sampled_from([0, *range(13, 100)]).map(lambda n: f"{n:02d}")
impossible_dates = st.sampled_from([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31)])


@given(valid_parts(), bad_provinces)
def test_a_corrupted_province_is_refused(parts, province):
    if province in PROVINCE_CODES:
        province = "20"
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    assert code_of(replace(nik, 0, province), today) == "nik_province"


@given(valid_parts(), bad_days)
def test_a_corrupted_day_is_refused(parts, day):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    assert code_of(replace(nik, 6, day), today) == "nik_day"


@given(valid_parts(), bad_months)
def test_a_corrupted_month_is_refused(parts, month):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    assert code_of(replace(nik, 8, month), today) == "nik_month"


@given(valid_parts(), impossible_dates)
def test_an_impossible_calendar_date_is_refused(parts, month_day):
    district, born, sex, serial, today = parts
    month, day = month_day
    offset = 40 if sex == "F" else 0
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    assert code_of(replace(nik, 6, f"{day + offset:02d}{month:02d}"), today) == "nik_date"


@given(valid_parts(), st.integers(min_value=0, max_value=99))
def test_29_february_is_refused_unless_a_leap_year_fits(parts, yy):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)
    day = 29 + (40 if sex == "F" else 0)
    corrupted = replace(nik, 6, f"{day:02d}02{yy:02d}")
    century = today.year // 100 * 100
    fits = any(
        calendar.isleap(year) and date(year, 2, 29) <= today
        for year in (century + yy, century - 100 + yy)
    )

    if fits:
        assert parse_nik(corrupted, today=today).birth_date.day == 29
    else:
        assert code_of(corrupted, today) == "nik_date"


@given(valid_parts())
def test_a_zero_serial_is_refused(parts):
    district, born, sex, _, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=0)

    assert code_of(nik, today) == "nik_serial"


@given(valid_parts(), st.integers(min_value=0, max_value=15), st.sampled_from("aZ-./x"))
def test_a_non_digit_anywhere_is_refused(parts, position, char):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    assert code_of(replace(nik, position, char), today) == "nik_not_digits"


@given(valid_parts(), st.integers(min_value=0, max_value=15), st.booleans())
def test_a_dropped_or_extra_digit_is_refused(parts, position, drop):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)
    changed = (
        nik[:position] + nik[position + 1 :] if drop else nik[:position] + "7" + nik[position:]
    )

    assert code_of(changed, today) == "nik_length"


@given(valid_parts())
def test_the_birth_date_is_never_after_today(parts):
    district, born, sex, serial, today = parts
    nik = build_nik(district_code=district, birth_date=born, sex=sex, serial=serial)

    assert parse_nik(nik, today=today - timedelta(days=1)).birth_date < today


@pytest.mark.parametrize(
    ("value", "sex"),
    [
        ("1671014501900001", "F"),  # day 45: the 5th, female
        ("1671010501900001", "M"),
        ("1671 0145 0190 0001", "F"),
        ("1671-0145-0190-0001", ""),
        ("167101450190000", ""),
        ("", ""),
    ],
)
def test_nik_sex_reads_the_plus_40_day_rule(value, sex):
    assert nik_sex(value) == sex


def test_nik_sex_agrees_with_parse_nik_and_build_nik():
    for sex in ("M", "F"):
        nik = build_nik(district_code="16.71.01", birth_date=date(1990, 1, 31), sex=sex)
        assert nik_sex(nik) == parse_nik(nik, today=TODAY).sex == sex
