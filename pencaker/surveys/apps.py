from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "pencaker.surveys"
    label = "surveys"

    def ready(self) -> None:
        # Imported here: models and registries may be read only once the apps are loaded.
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="surveys:period_list", label=_("Satisfaction survey (IKM)"), order=50
        )
        staff_link_register(
            url_name="surveys:kiosk_start",
            label=_("Start the survey kiosk"),
            roles=DECIDING_ROLES,
            order=55,
        )
