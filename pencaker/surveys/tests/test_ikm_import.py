from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pencaker.surveys.choices import Channel
from pencaker.surveys.ikm import ELEMENT_CODES
from pencaker.surveys.models import Question, Response
from pencaker.surveys.selectors import period_results


def write(tmp_path, lines):
    path = tmp_path / "kertas.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(period, path):
    out = StringIO()
    call_command("ikm_import", "--period", str(period.pk), "--csv", str(path), stdout=out)
    return out.getvalue()


def test_import_stores_paper_responses_with_profile(tmp_path, period):
    day = period.start_date.isoformat()
    header = "jenis_kelamin,umur,pendidikan,layanan,tanggal,jam," + ",".join(ELEMENT_CODES)
    path = write(
        tmp_path,
        [
            header,
            f"L,23,sma,card_new,{day},08-12,4,4,4,4,4,4,4,4,4",
            f"P,47,s1,,{day},,3,3,3,3,3,3,3,,3",
        ],
    )
    output = run(period, path)
    assert "2" in output
    responses = Response.objects.order_by("id")
    assert [r.channel for r in responses] == [Channel.PAPER, Channel.PAPER]
    assert [r.gender for r in responses] == ["male", "female"]
    assert [r.age_band for r in responses] == ["20-29", "45-54"]
    results = period_results(period)
    assert results.respondents == 2
    assert results.result.element("U8").respondents == 1
    assert str(results.result.element("U1").nrr_display) == "3.50"


def test_import_maps_extra_columns_onto_office_questions(tmp_path, period, office):
    extra = Question.objects.create(
        office=office,
        element="U9",
        order=85,
        text="Ruang tunggu nyaman?",
        option_1="a",
        option_2="b",
        option_3="c",
        option_4="d",
    )
    header = ",".join([*ELEMENT_CODES, "U9.2"])
    run(period, write(tmp_path, [header, "3,3,3,3,3,3,3,3,1,4"]))
    response = Response.objects.get()
    assert response.answers.get(question=extra).value == 4
    # U9 = mean(1, 4) = 2.5 for this respondent
    assert str(period_results(period).result.element("U9").nrr_display) == "2.50"


def test_import_is_all_or_nothing_and_names_the_bad_row(tmp_path, period, settings):
    settings.LANGUAGE_CODE = "en"
    header = ",".join(ELEMENT_CODES)
    path = write(tmp_path, [header, "3,3,3,3,3,3,3,3,3", "4,4,4,4,4,4,4,4,4", "4,4,7,4,4,4,4,4,4"])
    with pytest.raises(CommandError) as exc:
        run(period, path)
    assert "Row 4, column U3" in str(exc.value)
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    ("extra_header", "extra_cell", "expected"),
    [
        ("jenis_kelamin", "X", "jenis_kelamin"),
        ("umur", "9", "umur"),
        ("tanggal", "1999-01-01", "outside the period"),
        ("tanggal", "kemarin", "tanggal"),
    ],
)
def test_import_refuses_bad_profile_values(
    tmp_path, period, settings, extra_header, extra_cell, expected
):
    settings.LANGUAGE_CODE = "en"
    header = ",".join([extra_header, *ELEMENT_CODES])
    path = write(tmp_path, [header, f"{extra_cell},3,3,3,3,3,3,3,3,3"])
    with pytest.raises(CommandError) as exc:
        run(period, path)
    assert expected in str(exc.value)
    assert "Row 2" in str(exc.value)
    assert Response.objects.count() == 0


def test_import_refuses_a_column_for_a_question_the_office_does_not_have(tmp_path, period):
    header = ",".join([*ELEMENT_CODES, "U4.2"])
    with pytest.raises(CommandError) as exc:
        run(period, write(tmp_path, [header, "3,3,3,3,3,3,3,3,3,3"]))
    assert "U4.2" in str(exc.value)


def test_import_refuses_an_unknown_period(tmp_path, db):
    path = write(tmp_path, [",".join(ELEMENT_CODES)])
    with pytest.raises(CommandError):
        call_command("ikm_import", "--period", "999999", "--csv", str(path))
