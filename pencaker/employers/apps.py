from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "pencaker.employers"
    label = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from pencaker.employers import status_tags

        status_tags.register()
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="employers:queue",
            label=_("Employers awaiting verification"),
            roles=DECIDING_ROLES,
            order=15,
        )
