from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.documents.checks import (
    PHOTO_MIN_HEIGHT,
    PHOTO_MIN_WIDTH,
    max_upload_bytes,
)
from pencaker.documents.choices import DocumentKind


class DocumentUploadForm(forms.Form):
    """Input shape only: one file. The content checks run in the service."""

    file = forms.FileField(
        error_messages={
            "required": _("Choose a file to upload."),
            "empty": _("The file is empty. Choose the file again and upload it."),
            "invalid": _("Choose a file to upload."),
        },
    )

    def __init__(self, *args, kind: str, label: str, required_document: bool = True, **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        field = self.fields["file"]
        # The form needs a file, but an optional document is not marked "*" (required).
        field.optional_mark = not required_document
        field.label = _("File for %(document)s") % {"document": label}
        limit_mb = max_upload_bytes() // (1024 * 1024)
        if kind == DocumentKind.PHOTO:
            field.help_text = _(
                "A recent colour photo, portrait 3:4, at least %(width)s x %(height)s pixels, "
                "JPG or PNG, at most %(limit)s MB."
            ) % {"width": PHOTO_MIN_WIDTH, "height": PHOTO_MIN_HEIGHT, "limit": limit_mb}
            accept = "image/jpeg,image/png"
        else:
            field.help_text = _("A clear photo or scan: JPG, PNG or PDF, at most %(limit)s MB.") % {
                "limit": limit_mb
            }
            accept = "image/jpeg,image/png,application/pdf"
        attrs = {"accept": accept, "aria-describedby": f"{self['file'].id_for_label}_helptext"}
        field.widget.attrs.update(attrs)

    def describe_errors(self) -> None:
        """Point the input at its help and error text (screen readers read both)."""
        bound = self["file"]
        ids = [f"{bound.id_for_label}_helptext"]
        if bound.errors:
            ids.append(f"{bound.id_for_label}_error")
            self.fields["file"].widget.attrs["aria-invalid"] = "true"
        self.fields["file"].widget.attrs["aria-describedby"] = " ".join(ids)
