from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "pencaker.ops"
    label = "ops"
    verbose_name = "Operations: backup, restore, load shedding"
