from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pencaker.core.forms import DomainErrorFormMixin


class SettingsForm(DomainErrorFormMixin, forms.Form):
    discoverable = forms.BooleanField(
        label=_("Employers may find me as a candidate"),
        help_text=_(
            "They see your education, skills, experience and kecamatan, never your name or "
            "contact until you apply or accept an invitation."
        ),
        required=False,
    )
    alerts_enabled = forms.BooleanField(
        label=_("Send me vacancies that fit me (at most one message a day)"),
        required=False,
    )
