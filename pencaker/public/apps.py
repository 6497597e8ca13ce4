from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "pencaker.public"
    label = "public"

    def ready(self) -> None:
        from pencaker.accounts.staff_menu import staff_link_register
        from pencaker.public.faq_sources import complaint_answers_register

        # info and complaints are siblings: this app (above both) wires the published
        # anonymised complaint answers into the office's FAQ.
        complaint_answers_register()

        staff_link_register(
            url_name="public:design_system", label=_("Design system: page components"), order=990
        )
