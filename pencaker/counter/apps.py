from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounterConfig(AppConfig):
    name = "pencaker.counter"
    label = "counter"
    verbose_name = _("Counter queue")

    def ready(self) -> None:
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register

        # The figures beside the survey's facilities element (U9) are registered by
        # reporting (reporting/counter_companion.py): counter may not import surveys.
        staff_link_register(
            url_name="counter:queue", label=_("Counter queue"), roles=DECIDING_ROLES, order=14
        )
