from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from pencaker.surveys.ikm import ELEMENT_CODES

PROFILE = ["jenis_kelamin", "umur", "pendidikan", "pekerjaan", "layanan", "tanggal", "jam"]


def write_csv(tmp_path, header, rows, sep=",", name="survei.csv", encoding="utf-8"):
    path = tmp_path / name
    lines = [sep.join(header)] + [sep.join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def run(*args) -> str:
    out = StringIO()
    call_command("ikm_report", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_exactly_the_documented_shape(tmp_path):
    header = [*PROFILE, *ELEMENT_CODES]
    profile = ["L", "25", "SMA", "Pencari kerja", "AK/1", "2025-03-01", "08-12"]
    rows = [profile + list("344332434"), profile + list("3333333" + "33")]
    path = write_csv(tmp_path, header, rows)

    data = json.loads(run("--csv", str(path), "--json"))

    assert list(data) == ["respondents", "elements", "ikm", "converted", "grade", "label"]
    assert data["respondents"] == 2
    assert [e["code"] for e in data["elements"]] == list(ELEMENT_CODES)
    assert all(
        list(e) == ["code", "name", "nrr", "converted", "grade", "label"] for e in data["elements"]
    )
    u2 = data["elements"][1]
    assert u2 == {
        "code": "U2",
        "name": "Sistem, Mekanisme dan Prosedur",
        "nrr": 3.5,
        "converted": 87.5,
        "grade": "B",
        "label": "Baik",
    }
    # (3+3.5+3.5+3+3+2.5+3.5+3+3.5)/9 = 3.1666… → 3.17; × 25 = 79.1666… → 79.17
    assert data["ikm"] == 3.17
    assert data["converted"] == 79.17
    assert (data["grade"], data["label"]) == ("B", "Baik")


def test_columns_are_read_by_name_not_position(tmp_path):
    # The regulation's sample order: question 8 is U9, question 9 is U8.
    header = ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U8"]
    path = write_csv(tmp_path, header, [list("333333341")])
    data = json.loads(run("--csv", str(path), "--json"))
    by_code = {e["code"]: e for e in data["elements"]}
    assert by_code["U9"]["nrr"] == 4.0
    assert by_code["U8"]["nrr"] == 1.0


def test_several_questions_per_element_and_semicolon_separator(tmp_path):
    header = ["U1.1", "U1.2", *ELEMENT_CODES[1:]]
    rows = [list("43" + "33333333"), ["2", ""] + list("33333333")]
    path = write_csv(tmp_path, header, rows, sep=";", encoding="utf-8-sig")
    data = json.loads(run("--csv", str(path), "--json"))
    assert data["elements"][0]["nrr"] == 2.75


def test_readable_table_without_json(tmp_path):
    path = write_csv(tmp_path, list(ELEMENT_CODES), [list("444444444")])
    text = run("--csv", str(path))
    assert "U8 Penanganan Pengaduan" in text
    assert "100.00" in text
    assert "Sangat Baik" in text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "empty"),
        ("U1,U2\n1,2\n", "U3"),
        (",".join(ELEMENT_CODES) + "\n1,2,3,4,5,1,2,3,4\n", "Row 2, column U5"),
        (",".join(ELEMENT_CODES) + "\n1,2,3,4,,1,2,3,4\n", "U5"),
    ],
)
def test_bad_file_gives_a_clear_message(tmp_path, content, expected, settings):
    settings.LANGUAGE_CODE = "en"
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(CommandError) as exc:
        run("--csv", str(path), "--json")
    assert expected in str(exc.value)


def test_missing_file_and_binary_file_are_refused(tmp_path):
    with pytest.raises(CommandError):
        run("--csv", str(tmp_path / "nope.csv"))
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00U1\x00\x81\x00")
    with pytest.raises(CommandError):
        run("--csv", str(binary))


def test_command_line_exits_1_without_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(ELEMENT_CODES) + "\n1,2,3,4,9,1,2,3,4\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pencaker.manage", "ikm_report", "--csv", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "U5" in proc.stderr
    assert proc.stdout == ""
