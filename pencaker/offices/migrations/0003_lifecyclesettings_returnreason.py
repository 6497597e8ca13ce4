"""LifecycleSettings (from lifecycle) and ReturnReason (from applications) belong to the
office configuration now (issue 10). State only: the tables keep their names and rows
(``db_table``); lifecycle 0002 and applications 0004 drop the models from their state.
The content types follow the models, so permissions and audit lookups by content type
keep pointing at the same rows."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, model in (("lifecycle", "lifecyclesettings"), ("applications", "returnreason")):
        if ContentType.objects.filter(app_label="offices", model=model).exists():
            continue
        ContentType.objects.filter(app_label=old_app, model=model).update(app_label="offices")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, model in (("lifecycle", "lifecyclesettings"), ("applications", "returnreason")):
        if ContentType.objects.filter(app_label=old_app, model=model).exists():
            continue
        ContentType.objects.filter(app_label="offices", model=model).update(app_label=old_app)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("offices", "0002_officeclosure"),
        ("lifecycle", "0001_initial"),
        ("applications", "0003_seed_return_reasons"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LifecycleSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "window_days_before",
                            models.PositiveSmallIntegerField(
                                default=30,
                                verbose_name="report window opens (days before the due date)",
                            ),
                        ),
                        (
                            "window_days_after",
                            models.PositiveSmallIntegerField(
                                default=30,
                                verbose_name="report window closes (days after the due date)",
                            ),
                        ),
                        (
                            "removal_enabled",
                            models.BooleanField(
                                default=True, verbose_name="remove holders who miss a report"
                            ),
                        ),
                        (
                            "removal_grace_days",
                            models.PositiveSmallIntegerField(
                                default=60,
                                verbose_name="grace period after the window before removal (days)",
                            ),
                        ),
                        (
                            "expiry_enabled",
                            models.BooleanField(
                                default=True, verbose_name="expire cards after two years"
                            ),
                        ),
                        (
                            "office",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="lifecycle_settings",
                                to="offices.office",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "lifecycle settings",
                        "verbose_name_plural": "lifecycle settings",
                        "db_table": "lifecycle_lifecyclesettings",
                    },
                ),
                migrations.CreateModel(
                    name="ReturnReason",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.SlugField(max_length=20, verbose_name="code")),
                        (
                            "label",
                            models.CharField(
                                blank=True, default="", max_length=200, verbose_name="label"
                            ),
                        ),
                        ("active", models.BooleanField(default=True, verbose_name="active")),
                        ("position", models.PositiveSmallIntegerField(default=100)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "office",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="ak1_return_reasons",
                                to="offices.office",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "applications_returnreason",
                        "ordering": ["position", "id"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("office", "code"), name="return_reason_code_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
