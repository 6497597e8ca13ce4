"""Every user-facing string has an Indonesian translation, and the compiled catalogues
(committed, so a fresh machine needs no gettext) match their sources."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(ROOT.glob("**/locale/id/LC_MESSAGES/django.po"))


def test_there_are_indonesian_catalogues():
    assert PO_FILES, "no Indonesian catalogue found"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"untranslated in {po_path}: {untranslated[:5]}"
    assert fuzzy == [], f"fuzzy in {po_path}: {fuzzy[:5]}"
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in po.translated_entries()
    }
    assert compiled == source, f"{po_path.with_suffix('.mo')} is stale: run make messages"
