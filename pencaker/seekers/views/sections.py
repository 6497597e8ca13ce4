"""The single-record sections: identity, address, contact, preferences, disability."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pencaker.accounts.permissions import seeker_required
from pencaker.seekers import forms, services
from pencaker.seekers.address import address_page
from pencaker.seekers.views._common import _profile, _single_section

# --- single-record sections -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@seeker_required
def identity(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _single_section(
        request,
        form_class=forms.IdentityForm,
        initial={f: getattr(profile, f) for f in services.IDENTITY_FIELDS},
        save=lambda data: services.profile_update_identity(
            actor=request.user, profile=profile, **data
        ),
        title=_("Identity"),
        intro=_(
            "Copy these from your KTP. The date of birth and sex must match your NIK. You can "
            "save now and finish later."
        ),
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def address(request: HttpRequest) -> HttpResponse:

    return address_page(request, profile=_profile(request))


@require_http_methods(["GET", "POST"])
@seeker_required
def contact(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _single_section(
        request,
        form_class=forms.ContactForm,
        initial={"phone": request.user.phone},
        save=lambda data: services.profile_update_contact(
            actor=request.user, profile=profile, phone=data["phone"]
        ),
        title=_("Contact"),
        template="seekers/contact.html",
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def preferences(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    return _single_section(
        request,
        form_class=forms.PreferencesForm,
        initial={f: getattr(profile, f) for f in services.PREFERENCE_FIELDS},
        save=lambda data: services.profile_update_preferences(
            actor=request.user, profile=profile, **data
        ),
        title=_("Job preferences"),
    )


@require_http_methods(["GET", "POST"])
@seeker_required
def disability(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    answer = {True: "yes", False: "no"}.get(profile.has_disability, "")  # type: ignore[arg-type]
    return _single_section(
        request,
        form_class=forms.DisabilityForm,
        initial={"has_disability": answer, "disability_details": profile.disability_details},
        save=lambda data: services.profile_update_disability(
            actor=request.user, profile=profile, **data
        ),
        title=_("Disability information"),
        template="seekers/disability.html",
    )
