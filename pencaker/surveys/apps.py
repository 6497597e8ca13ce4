from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "pencaker.surveys"
    label = "surveys"

    def ready(self) -> None:
        # Imported here: models and registries may be read only once the apps are loaded.
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.offices.selectors import settings_hook_register
        from pencaker.surveys.selectors import office_question_count

        settings_hook_register(
            "survey_questions",
            lambda office: {
                "url": reverse("surveys:questions"),
                "count": office_question_count(office),
            },
        )

        staff_link_register(
            url_name="surveys:period_list", label=_("Satisfaction survey (IKM)"), order=50
        )
        staff_link_register(
            url_name="surveys:kiosk_start",
            label=_("Start the survey kiosk"),
            roles=DECIDING_ROLES,
            order=55,
        )
