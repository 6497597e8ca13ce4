"""LifecycleSettings moved to offices (offices 0003): drop it from lifecycle's state only;
the table ``lifecycle_lifecyclesettings`` stays and is offices' now."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lifecycle", "0001_initial"),
        ("offices", "0003_lifecyclesettings_returnreason"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LifecycleSettings")],
            database_operations=[],
        )
    ]
