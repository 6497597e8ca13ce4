from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "pencaker.vacancies"
    label = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self) -> None:
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register

        staff_link_register(
            url_name="vacancies:queue",
            label=_("Vacancies awaiting review"),
            roles=DECIDING_ROLES,
            order=16,
        )
