from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pencaker.core"
    label = "core"
    verbose_name = "Core"
