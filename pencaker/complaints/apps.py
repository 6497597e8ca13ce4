from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "pencaker.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from pencaker.accounts.models import STAFF_ROLES
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.complaints.citations import RESOLVER
        from pencaker.complaints.ikm import complaint_companions
        from pencaker.surveys.citations import citation_resolver_register
        from pencaker.surveys.companions import result_companion_register

        # Figures of the period beside the IKM element U8 (complaint handling), ADR 19.
        result_companion_register(complaint_companions)
        # The follow-up plan cites complaints by tracking number (issue 15, scope 7).
        citation_resolver_register(RESOLVER)
        staff_link_register(
            url_name="complaints:staff_queue", label=_("Complaints"), roles=STAFF_ROLES, order=30
        )
