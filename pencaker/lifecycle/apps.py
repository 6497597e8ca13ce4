from django.apps import AppConfig


class LifecycleConfig(AppConfig):
    name = "pencaker.lifecycle"
    label = "lifecycle"
