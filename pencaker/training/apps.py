from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "pencaker.training"
    label = "training"
    verbose_name = _("Training programmes")

    def ready(self) -> None:
        from pencaker.training import status_tags

        status_tags.register()
