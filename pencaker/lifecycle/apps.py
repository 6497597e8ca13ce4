from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "pencaker.lifecycle"
    label = "lifecycle"

    def ready(self) -> None:
        # Imported here: models and registries may be read only once the apps are loaded.
        from pencaker.accounts.models import Role
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="lifecycle:staff_card",
            label=_("Card reports and placements"),
            roles=DECIDING_ROLES,
            order=15,
        )
        staff_link_register(
            url_name="lifecycle:staff_settings",
            label=_("Report and removal rules"),
            roles={Role.ADMIN_DINAS},
            order=920,
        )
