from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from pencaker.core.models import AuditEvent
from pencaker.regions.models import Level, Region
from pencaker.regions.services import RegionImportError, regions_import_csv

REFERENCE_CSV = Path(settings.BASE_DIR).parent.parent / "shared/data/wilayah/regions.csv"
HEADER = "code,name,level,parent_code,kind\n"


def run_import(text: str):
    return regions_import_csv(handle=io.StringIO(text))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def command(*args: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_regions", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_import_creates_every_level_with_parents(small_csv):
    result = run_import(small_csv)

    assert (result.created, result.updated, result.unchanged) == (14, 0, 0)
    village = Region.objects.get(code="16.71.01.1001")
    assert village.level == Level.VILLAGE
    assert village.kind == "kelurahan"
    assert village.parent.parent.parent.code == "16"


@pytest.mark.django_db
def test_reimport_renaming_a_village_updates_the_name_and_duplicates_nothing(small_csv):
    run_import(small_csv)
    renamed = small_csv.replace("Kemang Agung", "Kemang Agung Baru")

    result = run_import(renamed)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 13)
    assert Region.objects.get(code="16.71.01.1001").name == "Kemang Agung Baru"
    assert Region.objects.count() == 14


@pytest.mark.django_db
def test_import_accepts_children_listed_before_their_parents(small_csv):
    lines = small_csv.splitlines()
    reversed_csv = "\n".join([lines[0], *reversed(lines[1:])]) + "\n"

    result = run_import(reversed_csv)

    assert result.created == 14


@pytest.mark.django_db
def test_import_can_add_children_to_parents_already_in_the_database(small_csv):
    run_import(small_csv)

    result = run_import(HEADER + "16.71.01.1003,Bukit Baru,village,16.71.01,kelurahan\n")

    assert result.created == 1
    assert Region.objects.get(code="16.71.01.1003").parent_id == "16.71.01"


@pytest.mark.django_db
def test_import_records_an_audit_event_only_when_something_changed(small_csv):
    run_import(small_csv)
    run_import(small_csv)

    events = AuditEvent.objects.filter(action="regions.import")
    assert events.count() == 1
    assert events.get().data == {"created": 14, "updated": 0, "unchanged": 0}


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ("16,Sumatera Selatan,kingdom,,provinsi", "regions_unknown_level"),
        ("16.71.01.1001,Kemang Agung,village,16.71.01,kelurahan", "regions_missing_parent"),
        ("16.7,Kota Palembang,regency,16,kota", "regions_bad_code"),
        ("16.71,Kota Palembang,district,16,kota", "regions_bad_code"),
        ("16.71,Kota Palembang,regency,17,kota", "regions_wrong_parent"),
        ("16,,province,,provinsi", "regions_bad_name"),
        ("16," + "x" * 121 + ",province,,provinsi", "regions_bad_name"),
    ],
)
@pytest.mark.django_db
def test_malformed_row_is_refused_with_its_line_and_nothing_is_written(row, code):
    text = HEADER + "11,Aceh,province,,provinsi\n" + row + "\n"

    with pytest.raises(RegionImportError) as caught:
        run_import(text)

    assert caught.value.code == code
    assert caught.value.details["line"] == 3
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_code_is_refused_naming_both_lines():
    text = HEADER + "11,Aceh,province,,provinsi\n11,Aceh Lagi,province,,provinsi\n"

    with pytest.raises(RegionImportError) as caught, translation.override("en"):
        run_import(text)

    assert caught.value.code == "regions_duplicate_code"
    assert "first on line 2" in caught.value.message


@pytest.mark.django_db
def test_file_without_the_header_is_refused():
    with pytest.raises(RegionImportError) as caught:
        run_import("11,Aceh,province,,provinsi\n")

    assert caught.value.code == "regions_missing_columns"


@pytest.mark.django_db
def test_command_prints_the_counts(tmp_path, small_csv):
    path = write(tmp_path, small_csv)

    first = command(str(path))
    second = command(str(path))

    assert "14 created, 0 updated, 0 unchanged (14 rows)" in first
    assert "0 created, 0 updated, 14 unchanged (14 rows)" in second


@pytest.mark.django_db
def test_command_prints_the_counts_in_indonesian_by_default(tmp_path, small_csv):
    out = io.StringIO()
    call_command("import_regions", str(write(tmp_path, small_csv)), stdout=out)

    assert "14 baru" in out.getvalue()


@pytest.mark.django_db
def test_command_reads_a_file_with_a_byte_order_mark(tmp_path, small_csv):
    path = tmp_path / "bom.csv"
    path.write_text(small_csv, encoding="utf-8-sig")

    assert "14 created" in command(str(path))


@pytest.mark.django_db
def test_command_reports_a_missing_file_clearly(tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        command(str(tmp_path / "nope.csv"))


@pytest.mark.django_db
def test_command_reports_a_malformed_row_with_its_line(tmp_path):
    path = write(tmp_path, HEADER + "11,Aceh,province,,provinsi\n11.01,Aceh Selatan,regency,,\n")

    with pytest.raises(CommandError, match=r"was not imported: Line 3: parent code") as caught:
        command(str(path))

    assert Region.objects.count() == 0
    assert "Traceback" not in str(caught.value)


@pytest.mark.django_db
def test_command_reports_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(HEADER.encode() + "11,Acèh,province,,provinsi\n".encode("latin-1"))

    with pytest.raises(CommandError, match="not a UTF-8 text file"):
        command(str(path))


@pytest.mark.django_db
def test_full_reference_file_imports_with_the_readme_counts_and_reimports_unchanged():
    assert REFERENCE_CSV.is_file(), f"reference file missing: {REFERENCE_CSV}"

    with REFERENCE_CSV.open(encoding="utf-8", newline="") as handle:
        first = regions_import_csv(handle=handle)
    with REFERENCE_CSV.open(encoding="utf-8", newline="") as handle:
        second = regions_import_csv(handle=handle)

    counts = {
        level: Region.objects.filter(level=level).count()
        for level in (Level.PROVINCE, Level.REGENCY, Level.DISTRICT, Level.VILLAGE)
    }
    assert counts == {
        Level.PROVINCE: 38,
        Level.REGENCY: 514,
        Level.DISTRICT: 7285,
        Level.VILLAGE: 83762,
    }
    assert (first.created, first.updated, first.unchanged) == (91599, 0, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 91599)
