"""Seed every existing office with the default return reasons (labels blank: translated)."""

from django.db import migrations

DEFAULT_CODES = [
    "unreadable",
    "wrong_document",
    "expired",
    "mismatch",
    "incomplete",
    "photo_rules",
    "other",
]


def seed(apps, schema_editor):
    Office = apps.get_model("offices", "Office")
    ReturnReason = apps.get_model("applications", "ReturnReason")
    rows = [
        ReturnReason(office_id=office_id, code=code, position=(n + 1) * 10)
        for office_id in Office.objects.values_list("pk", flat=True)
        for n, code in enumerate(DEFAULT_CODES)
    ]
    ReturnReason.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("applications", "0002_return_reasons")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
