from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "pencaker.reporting"
    label = "reporting"

    def ready(self) -> None:
        # Imported here: models and registries may be read only once the apps are loaded.
        from pencaker.accounts.models import Role
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.reporting.counter_companion import counter_companion
        from pencaker.surveys.companions import result_companion_register

        result_companion_register(counter_companion)

        staff_link_register(url_name="reporting:ipk", label=_("IPK statistics"), order=40)
        staff_link_register(
            url_name="reporting:performance", label=_("Staff performance"), order=42
        )
        staff_link_register(
            url_name="reporting:province",
            label=_("Province dashboard"),
            roles={Role.ADMIN_DINAS, Role.PIMPINAN},
            order=41,
            when=lambda user: bool(user.office_id and user.office.is_province),
        )
