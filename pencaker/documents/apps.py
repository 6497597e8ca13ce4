from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pencaker.documents"
    label = "documents"

    def ready(self) -> None:
        from pencaker.documents.checks import logo_check
        from pencaker.documents.choices import DocumentKind
        from pencaker.offices.selectors import settings_hook_register

        # The office settings screens (offices sits below documents) list the kinds an
        # office may require and check an uploaded logo with the same rules as documents.
        settings_hook_register("document_kinds", lambda: list(DocumentKind.choices))
        settings_hook_register("logo_check", logo_check)
