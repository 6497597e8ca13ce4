from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "pencaker.training"
    label = "training"
    verbose_name = _("Training programmes")

    def ready(self) -> None:
        from pencaker.training import status_tags

        status_tags.register()
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="training_staff:list",
            label=_("Training programmes"),
            order=40,
        )
