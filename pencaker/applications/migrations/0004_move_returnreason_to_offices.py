"""ReturnReason moved to offices (offices 0003): drop it from applications' state only;
the table ``applications_returnreason`` stays and is offices' now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_seed_return_reasons"),
        ("offices", "0003_lifecyclesettings_returnreason"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ReturnReason")],
            database_operations=[],
        )
    ]
