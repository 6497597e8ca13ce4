#!/usr/bin/env python3
"""Fill msgstr entries of a .po file from a JSON mapping {msgid: msgstr}; set the header.

    python scripts/po_fill.py path/to/django.po translations.json

A maintenance aid for translators working from a spreadsheet; it never invents text.
"""

import json
import sys

import polib


def main() -> int:
    po_path, mapping_path = sys.argv[1], sys.argv[2]
    po = polib.pofile(po_path)
    mapping = json.load(open(mapping_path, encoding="utf-8"))
    po.metadata.update(
        {
            "Language": "id",
            "Plural-Forms": "nplurals=1; plural=0;",
            "Content-Type": "text/plain; charset=UTF-8",
        }
    )
    po.metadata_is_fuzzy = False
    missing = []
    for entry in po:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.translated():
            missing.append(entry.msgid)
    po.save()
    for m in missing:
        print("MISSING:", m)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
