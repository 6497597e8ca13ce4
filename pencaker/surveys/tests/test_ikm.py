from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pencaker.surveys.ikm import (
    ELEMENT_CODES,
    ELEMENTS,
    IkmInputError,
    compute,
    element_column,
    grade_for,
    parse_table,
    round_half_up,
    sample_size,
)
from pencaker.surveys.tests.ikm_builders import respondents_for_converted, respondents_for_nrrs


def uniform(value: int, n: int = 3) -> list[dict[str, list[int | None]]]:
    return [{code: [value] for code in ELEMENT_CODES} for _ in range(n)]


def test_elements_are_the_nine_official_unsur_keyed_by_code():
    assert [e.code for e in ELEMENTS] == [f"U{i}" for i in range(1, 10)]
    names = {e.code: e.name for e in ELEMENTS}
    # The sample questionnaire's Q8 is U9 and Q9 is U8; the codes must not follow it.
    assert names["U8"] == "Penanganan Pengaduan, Saran dan Masukan"
    assert names["U9"] == "Sarana dan Prasarana"
    assert names["U4"] == "Biaya/Tarif"


def test_all_answers_4_give_100_and_grade_a():
    result = compute(uniform(4))
    assert result.converted_display == Decimal("100.00")
    assert result.ikm_display == Decimal("4.00")
    assert result.grade.letter == "A"
    assert result.grade.label == "Sangat Baik"


def test_all_answers_1_give_25_and_grade_d():
    result = compute(uniform(1))
    assert result.converted_display == Decimal("25.00")
    assert result.grade.letter == "D"
    assert result.grade.label == "Tidak Baik"


@pytest.mark.parametrize(
    ("converted", "shown", "letter"),
    [
        ("88.31", "88.31", "A"),
        ("88.305", "88.31", "A"),
        ("88.30", "88.30", "B"),
        ("76.61", "76.61", "B"),
        ("76.605", "76.61", "B"),
        ("76.60", "76.60", "C"),
        ("65.00", "65.00", "C"),
        ("64.995", "65.00", "C"),
        ("64.99", "64.99", "D"),
    ],
)
def test_grade_is_read_from_the_rounded_converted_value(converted, shown, letter):
    result = compute(respondents_for_converted(converted))
    assert result.converted == Fraction(converted)
    assert result.converted_display == Decimal(shown)
    assert result.grade.letter == letter


@pytest.mark.parametrize(
    ("shown", "letter"),
    [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C")]
    + [("65.00", "C"), ("64.99", "D"), ("25.00", "D")],
)
def test_grade_bands(shown, letter):
    assert grade_for(Decimal(shown)).letter == letter


def test_elements_are_graded_with_the_same_bands():
    nrrs = dict.fromkeys(ELEMENT_CODES, Fraction(3))
    nrrs["U8"] = Fraction("88.305") / 25
    nrrs["U9"] = Fraction("64.99") / 25
    result = compute(respondents_for_nrrs(nrrs))
    assert result.element("U8").converted_display == Decimal("88.31")
    assert result.element("U8").grade.letter == "A"
    assert result.element("U9").grade.letter == "D"
    assert result.element("U1").grade.letter == "C"  # 75.00
    assert [e.code for e in result.weakest_first()][:2] == ["U9", "U1"]


def test_weight_0_111_would_give_a_lower_grade_than_one_ninth():
    result = compute(respondents_for_converted("88.31"))
    nrr_sum = sum(e.nrr for e in result.elements)
    with_0_111 = round_half_up(nrr_sum * Fraction("0.111") * 25)
    with_0_11 = round_half_up(nrr_sum * Fraction("0.11") * 25)
    assert result.grade.letter == "A"
    assert with_0_111 == Decimal("88.22")
    assert grade_for(with_0_111).letter == "B"
    assert grade_for(with_0_11).letter == "B"


def test_several_questions_are_averaged_within_the_element_first():
    base = {code: [3] for code in ELEMENT_CODES}
    respondents = [{**base, "U1": [4, 3]}, {**base, "U1": [2, None]}]
    result = compute(respondents)
    # (3.5 + 2) / 2 respondents, not (4 + 3 + 2) / 3 answers.
    assert result.element("U1").nrr == Fraction(11, 4)
    assert result.element("U1").nrr_display == Decimal("2.75")


def test_a_missing_answer_does_not_count_in_that_element():
    base = {code: [4] for code in ELEMENT_CODES}
    respondents = [base, {**base, "U4": [None]}, {**base, "U4": [1]}]
    result = compute(respondents)
    assert result.respondents == 3
    assert result.element("U4").respondents == 2
    assert result.element("U4").nrr == Fraction(5, 2)
    assert result.element("U1").respondents == 3


def test_index_does_not_exist_while_an_element_has_no_answers():
    respondents = [{code: [3] for code in ELEMENT_CODES if code != "U8"}]
    result = compute(respondents)
    assert not result.complete
    assert result.element("U8").nrr is None
    assert result.ikm is None and result.grade is None
    assert result.as_dict()["grade"] is None


def test_answer_outside_1_to_4_names_row_and_column():
    respondents = uniform(3, 2)
    respondents[1]["U6"] = [5]
    with pytest.raises(IkmInputError) as exc:
        compute(respondents)
    assert exc.value.row == 2
    assert exc.value.column == "U6"


def test_round_half_up_is_exact():
    assert round_half_up(Fraction("88.305")) == Decimal("88.31")
    assert round_half_up(Fraction("76.604999")) == Decimal("76.60")
    assert round_half_up(Fraction(2, 3)) == Decimal("0.67")
    assert round_half_up(Fraction("2.5"), 0) == Decimal("3")


def test_as_dict_has_the_json_shape_with_display_numbers():
    respondents = respondents_for_nrrs(
        {**dict.fromkeys(ELEMENT_CODES, Fraction(3)), "U1": Fraction("3.1225")}
    )
    data = compute(respondents).as_dict()
    assert list(data) == ["respondents", "elements", "ikm", "converted", "grade", "label"]
    first = data["elements"][0]
    assert first == {
        "code": "U1",
        "name": "Persyaratan",
        "nrr": 3.12,
        "converted": 78.06,
        "grade": "B",
        "label": "Baik",
    }
    assert data["respondents"] == 400
    assert data["ikm"] == 3.01


# --- CSV-shaped input ---------------------------------------------------------------------

HEADER = ["gender", "age", *ELEMENT_CODES, "service"]


def test_parse_table_ignores_profile_columns_and_skips_empty_rows():
    rows = [["L", "25", *"123412341", "AK/1"], ["P", "30", *[""] * 9, ""], ["", "", *"444444444"]]
    respondents = parse_table(HEADER, rows)
    assert len(respondents) == 2
    assert respondents[0]["U4"] == [4]
    assert respondents[1]["U9"] == [4]


def test_parse_table_names_row_and_column_of_a_bad_answer():
    rows = [["L", "25", *"123412341", ""], ["L", "25", *"1234x2341", ""]]
    with pytest.raises(IkmInputError) as exc:
        parse_table(HEADER, rows)
    assert exc.value.row == 3  # the header is row 1
    assert exc.value.column == "U5"
    assert "U5" in exc.value.message and "3" in exc.value.message


@pytest.mark.parametrize("bad", ["0", "5", "3.5", "-1", "sangat", "44"])
def test_parse_table_rejects_values_outside_1_to_4(bad):
    with pytest.raises(IkmInputError):
        parse_table(ELEMENT_CODES, [[bad, *"23412341"]])


def test_parse_table_requires_every_element():
    with pytest.raises(IkmInputError) as exc:
        parse_table(["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9"], [])
    assert "U8" in exc.value.message


def test_parse_table_rejects_duplicate_question_columns():
    with pytest.raises(IkmInputError):
        parse_table([*ELEMENT_CODES, "U1.1"], [])


@pytest.mark.parametrize(
    ("name", "expected"),
    [("U4", ("U4", 1)), ("u1.2", ("U1", 2)), (" U9 ", ("U9", 1)), ("gender", None)],
)
def test_element_column(name, expected):
    assert element_column(name) == expected


@pytest.mark.parametrize("name", ["U10", "U0", "U1.0"])
def test_element_like_columns_that_are_not_elements_are_errors(name):
    with pytest.raises(IkmInputError):
        element_column(name)


# --- Sample size ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "sample"), [(100, 80), (1000, 278), (10000, 370), (1000000, 384)]
)
def test_krejcie_morgan_matches_the_published_table(population, sample):
    assert sample_size(population) == sample


@given(st.integers(min_value=0, max_value=10**7))
def test_sample_never_exceeds_population_and_stays_below_385(population):
    s = sample_size(population)
    assert 0 <= s <= population
    assert s <= 385


# --- Properties ----------------------------------------------------------------------------

answer = st.one_of(st.none(), st.integers(min_value=1, max_value=4))


@st.composite
def survey(draw):
    questions = {code: draw(st.integers(min_value=1, max_value=3)) for code in ELEMENT_CODES}
    n = draw(st.integers(min_value=1, max_value=25))
    return [
        {code: draw(st.lists(answer, min_size=k, max_size=k)) for code, k in questions.items()}
        for _ in range(n)
    ]


def straightforward(respondents):
    """An independent, textbook computation with statistics.mean on Fractions."""
    nrrs = {}
    for code in ELEMENT_CODES:
        scores = []
        for r in respondents:
            given_answers = [Fraction(v) for v in r[code] if v is not None]
            if given_answers:
                scores.append(statistics.mean(given_answers))
        nrrs[code] = statistics.mean(scores) if scores else None
    if any(v is None for v in nrrs.values()):
        return nrrs, None
    return nrrs, statistics.mean(nrrs.values())


@settings(max_examples=150, deadline=None)
@given(survey())
def test_result_equals_a_straightforward_computation(respondents):
    result = compute(respondents)
    nrrs, ikm = straightforward(respondents)
    assert {e.code: e.nrr for e in result.elements} == nrrs
    assert result.ikm == ikm
    if ikm is not None:
        # the index is the mean of the element NRRs, every weight exactly 1/9
        assert result.ikm == sum(e.nrr for e in result.elements) / 9
        assert result.converted == ikm * 25


@settings(max_examples=100, deadline=None)
@given(survey(), st.randoms())
def test_respondent_order_never_changes_the_result(respondents, rnd):
    shuffled = list(respondents)
    rnd.shuffle(shuffled)
    assert compute(shuffled) == compute(respondents)


@settings(max_examples=100, deadline=None)
@given(survey(), st.randoms())
def test_column_order_never_changes_the_result(respondents, rnd):
    header = [f"{code}.{i + 1}" for code in ELEMENT_CODES for i in range(len(respondents[0][code]))]
    header.append("gender")

    def cell(v):
        return "" if v is None else str(v)

    rows = [[cell(v) for code in ELEMENT_CODES for v in r[code]] + ["P"] for r in respondents]
    order = list(range(len(header)))
    rnd.shuffle(order)
    shuffled_header = [header[i] for i in order]
    shuffled_rows = [[row[i] for i in order] for row in rows]
    assert compute(parse_table(shuffled_header, shuffled_rows)) == compute(
        parse_table(header, rows)
    )
    straight = compute(respondents)
    assert compute(parse_table(header, rows)).elements == straight.elements
