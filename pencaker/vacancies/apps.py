from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "pencaker.vacancies"
    label = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self) -> None:
        from pencaker.vacancies import status_tags

        status_tags.register()
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.lifecycle.selectors import holder_action_source_register
        from pencaker.vacancies.hire_reports import hire_reports_pending_actions

        holder_action_source_register(hire_reports_pending_actions)

        staff_link_register(
            url_name="vacancies:queue",
            label=_("Vacancies awaiting review"),
            roles=DECIDING_ROLES,
            order=16,
        )
