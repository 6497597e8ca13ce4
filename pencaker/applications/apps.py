from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "pencaker.applications"
    label = "applications"

    def ready(self) -> None:
        from pencaker.applications import status_tags

        status_tags.register()
        # Imported here: models and registries may be read only once the apps are loaded.
        from pencaker.accounts.permissions import DECIDING_ROLES
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.applications.selectors import renewal_requests_timeline
        from pencaker.lifecycle.selectors import timeline_source_register

        timeline_source_register(renewal_requests_timeline)

        staff_link_register(
            url_name="applications:queue",
            label=_("Application queue"),
            roles=DECIDING_ROLES,
            order=10,
        )
        staff_link_register(
            url_name="applications:assisted",
            label=_("Register a citizen at the counter"),
            roles=DECIDING_ROLES,
            order=12,
        )
        staff_link_register(
            url_name="applications:dashboard", label=_("Service level (SLA) per month"), order=30
        )
        staff_link_register(
            url_name="applications:reasons",
            label=_("Return reasons"),
            roles={"admin_dinas"},
            order=910,
        )
        staff_link_register(
            url_name="applications:transfers",
            label=_("Moves between offices"),
            roles={"admin_dinas"},
            order=915,
        )
