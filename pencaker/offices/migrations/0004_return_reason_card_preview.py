"""Give offices that already have their return reasons the new default one (issue 16):
"the card preview does not match the documents", placed before "other"."""

from django.db import migrations

CODE = "card_preview"


def add_reason(apps, schema_editor):
    ReturnReason = apps.get_model("offices", "ReturnReason")
    office_ids = ReturnReason.objects.values_list("office_id", flat=True).distinct()
    for office_id in office_ids:
        if ReturnReason.objects.filter(office_id=office_id, code=CODE).exists():
            continue
        other = ReturnReason.objects.filter(office_id=office_id, code="other").first()
        position = (other.position - 5) if other else 1000
        ReturnReason.objects.create(office_id=office_id, code=CODE, position=position)


class Migration(migrations.Migration):
    dependencies = [("offices", "0003_lifecyclesettings_returnreason")]

    operations = [migrations.RunPython(add_reason, migrations.RunPython.noop)]
