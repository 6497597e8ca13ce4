from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pencaker.cards.numbers import (
    CardNumberError,
    damm_check_digit,
    damm_is_valid,
    format_card_number,
    parse_card_number,
)

digit_strings = st.text(alphabet="0123456789", min_size=2, max_size=20)


def test_damm_check_digit_matches_the_published_example():
    # Damm's example: 572 → check digit 4.
    assert damm_check_digit("572") == 4
    assert damm_is_valid("5724")


@given(digit_strings, st.data())
def test_every_single_digit_substitution_is_detected(body, data):
    number = body + str(damm_check_digit(body))
    position = data.draw(st.integers(0, len(number) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    changed = number[:position] + replacement + number[position + 1 :]
    assert not damm_is_valid(changed)


@given(digit_strings, st.data())
def test_every_adjacent_transposition_is_detected(body, data):
    number = body + str(damm_check_digit(body))
    position = data.draw(st.integers(0, len(number) - 2))
    a, b = number[position], number[position + 1]
    if a == b:
        return  # swapping equal digits does not change the number
    swapped = number[:position] + b + a + number[position + 2 :]
    assert not damm_is_valid(swapped)


@given(st.integers(1, 999_999), st.integers(2000, 2099))
def test_formatted_numbers_parse_back(sequence, year):
    number = format_card_number(office_code="16.71", year=year, sequence=sequence)
    parsed = parse_card_number(number)
    assert (parsed.office, parsed.year, parsed.sequence) == ("1671", year, sequence)
    assert parsed.canonical == number


def test_number_shows_office_year_and_sequence():
    number = format_card_number(office_code="16.71", year=2026, sequence=123)
    assert number.startswith("1671-2026-000123-")
    assert len(number) == len("1671-2026-000123-0")


@pytest.mark.parametrize(
    "typed", ["1671 2026 000123 {c}", "16712026000123{c}", " 1671-2026-000123-{c} "]
)
def test_parse_accepts_spaces_or_no_separators(typed):
    check = format_card_number(office_code="1671", year=2026, sequence=123)[-1]
    assert parse_card_number(typed.format(c=check)).canonical.endswith(f"-{check}")


def test_wrong_check_digit_is_reported_as_such():
    good = format_card_number(office_code="1671", year=2026, sequence=123)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(CardNumberError) as caught:
        parse_card_number(bad)
    assert caught.value.reason == "check_digit"


@pytest.mark.parametrize("text", ["", "abc", "1671-2026-12-3", "١٦٧١٢٠٢٦٠٠٠١٢٣٤", "9" * 200, None])
def test_garbage_is_reported_as_format_error(text):
    with pytest.raises(CardNumberError) as caught:
        parse_card_number(text)
    assert caught.value.reason == "format"


def test_damm_table_is_a_totally_anti_symmetric_quasigroup():
    """The algebraic property behind the guarantee, checked exhaustively: each row and
    column is a permutation (so every substitution changes the result), and
    (c*x)*y == (c*y)*x only when x == y (so every adjacent transposition does)."""
    from pencaker.cards.numbers import _DAMM

    digits = range(10)
    for row in _DAMM:
        assert sorted(row) == list(digits)
    for col in digits:
        assert sorted(_DAMM[r][col] for r in digits) == list(digits)
    for c in digits:
        for x in digits:
            for y in digits:
                if x != y:
                    assert _DAMM[_DAMM[c][x]][y] != _DAMM[_DAMM[c][y]][x]
