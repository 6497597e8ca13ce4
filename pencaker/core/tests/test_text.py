"""``core.text``: the one cleaner for stored names and free text (issue 14, item 1)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pencaker.core.text import has_forbidden_characters, name_clean, text_clean


def test_name_clean_drops_bidi_zero_width_and_control_characters():
    assert name_clean("\u202eSiti\u200b  Aminah\x00\t\n") == "Siti Aminah"


def test_text_clean_keeps_tabs_and_newlines_in_free_text_only():
    assert text_clean("a\tb\r\nc\u2028d\u202e", multiline=True) == "a\tb\nc\nd"
    assert text_clean("a\tb\nc") == "a b c"


def test_text_clean_keeps_letters_of_every_script_and_emoji():
    assert name_clean("Nguyễn Thị Hồng 😀 محمد") == "Nguyễn Thị Hồng 😀 محمد"


@given(st.text())
def test_cleaned_names_hold_no_control_format_or_surrogate_character(value):
    cleaned = name_clean(value)
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs"} for ch in cleaned)
    assert cleaned == cleaned.strip()


@given(st.text())
def test_cleaned_free_text_holds_only_tab_and_newline_controls(value):
    cleaned = text_clean(value, multiline=True)
    assert all(ch in "\t\n" or unicodedata.category(ch) not in {"Cc", "Cf", "Cs"} for ch in cleaned)


def test_forbidden_characters_are_nul_and_lone_surrogates():
    assert has_forbidden_characters("a\x00")
    assert has_forbidden_characters("a\ud800")
    assert not has_forbidden_characters("a\u202e😀\t")
