"""The office settings screens (/kantor/pengaturan/): the admin dinas changes, the head of
office (pimpinan) reads, nobody else sees them. Every write goes through
``offices.services`` (admin dinas of the office, audited, effective at once)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import is_office_admin, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.core.input_rules import multipart_refusal
from pencaker.offices import forms, selectors, services
from pencaker.offices.models import OfficeLogo

READERS = [Role.ADMIN_DINAS, Role.PIMPINAN]
ANY_OF = "|"


def _start(request) -> tuple[Any, bool]:
    """The staff member's office and whether they may change it; a write by anyone but its
    admin dinas is refused (403)."""
    if request.method not in ("GET", "HEAD", "POST"):
        raise _NotAllowed
    office = request.user.office
    can_edit = is_office_admin(request.user, office.pk)
    if request.method == "POST" and not can_edit:
        raise Forbidden(_("Only the office administrator can change the settings."))
    return office, can_edit


class _NotAllowed(Exception):
    pass


def _page(request, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    office = context["office"]
    context.setdefault("can_edit", is_office_admin(request.user, office.pk))
    return render(request, f"offices/settings/{template}", context, status=status)


def _guard(view):
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _NotAllowed:
            return HttpResponseNotAllowed(["GET", "POST"])

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return staff_required(roles=READERS)(wrapper)


def _values(office, form_class) -> dict[str, Any]:
    return {name: getattr(office, name) for name in form_class.base_fields}


@_guard
def index(request):
    """One page naming every setting, with links to each screen."""
    office, _can_edit = _start(request)
    return _page(
        request,
        "index.html",
        {
            "office": office,
            "closures": selectors.office_closures(office),
            "lifecycle": selectors.office_lifecycle_settings(office),
            "documents": _document_labels(office),
            "survey_questions": selectors.survey_questions_summary(office),
        },
    )


@_guard
def identity(request):
    """Name, letterhead, contacts, counter hours, map link and the logo."""
    office, _can_edit = _start(request)
    form = forms.IdentityForm(initial=_values(office, forms.IdentityForm))
    logo_form = forms.LogoForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "logo":
                logo_form = forms.LogoForm(request.POST, request.FILES)
                if logo_form.is_valid():
                    try:
                        services.office_logo_set(
                            actor=request.user,
                            office=office,
                            uploaded_file=logo_form.cleaned_data["logo"],
                        )
                    except DomainError as exc:
                        logo_form.add_error("logo", exc.message)
                    else:
                        messages.success(request, _("The logo is saved."))
                        return redirect("offices:settings_identity")
            elif action == "logo_remove":
                services.office_logo_remove(actor=request.user, office=office)
                messages.success(request, _("The logo is removed."))
                return redirect("offices:settings_identity")
            else:
                form = forms.IdentityForm(request.POST)
                if form.is_valid():
                    try:
                        services.office_settings_update(
                            actor=request.user, office=office, **form.cleaned_data
                        )
                    except DomainError as exc:
                        form.add_domain_error(exc)
                    else:
                        messages.success(request, _("The office details are saved."))
                        return redirect("offices:settings_identity")
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("offices:settings_identity")
        status = 400
    return _page(
        request,
        "identity.html",
        {
            "office": office,
            "form": form,
            "logo_form": logo_form,
            "logo_url": selectors.office_logo_url(office),
        },
        status,
    )


def _office_fields_page(request, *, form_class, template, saved, url_name, extra):
    """A settings page whose form holds office fields saved by ``office_settings_update``
    (the signer, the rules): the form, its field errors, the saved notice."""
    office, _can_edit = _start(request)
    form = form_class(initial=_values(office, form_class))
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                services.office_settings_update(
                    actor=request.user, office=office, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, saved)
                return redirect(url_name)
        status = 400
    return _page(request, template, {"office": office, "form": form, **extra(office)}, status)


@_guard
def signer(request):
    """The signing official printed on the card, and the signing certificate: its status,
    and a PKCS#12 the admin dinas uploads for the office's cards (ADR 0032)."""
    upload_form = forms.SignerUploadForm()
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("p12_upload", "p12_remove"):
        office, _can_edit = _start(request)
        if action == "p12_remove":
            services.office_signer_remove(
                actor=request.user, office=office, ip_address=client_ip(request)
            )
            messages.success(request, _("The uploaded certificate is removed."))
            return redirect("offices:settings_signer")
        if refused := multipart_refusal(request):
            return refused
        upload_form = forms.SignerUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                services.office_signer_upload(
                    actor=request.user,
                    office=office,
                    uploaded_file=upload_form.cleaned_data["p12"],
                    password=upload_form.cleaned_data["p12_password"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                upload_form.add_domain_error(exc)
            else:
                messages.success(
                    request, _("The certificate is saved. The next card is signed with it.")
                )
                return redirect("offices:settings_signer")
        return _page(
            request,
            "signer.html",
            {
                "office": office,
                "form": forms.SignerForm(initial=_values(office, forms.SignerForm)),
                "upload_form": upload_form,
                "certificate": selectors.signing_certificate_status(office),
            },
            400,
        )
    return _office_fields_page(
        request,
        form_class=forms.SignerForm,
        template="signer.html",
        saved=_("The signing official is saved."),
        url_name="offices:settings_signer",
        extra=lambda office: {
            "certificate": selectors.signing_certificate_status(office),
            "upload_form": upload_form,
        },
    )


def _document_labels(office) -> list[str]:
    labels = dict(selectors.office_document_kind_choices())
    result = []
    for entry in selectors.office_required_documents(office) or []:
        parts = [str(labels.get(part, part)) for part in entry.split(ANY_OF)]
        result.append(_(" or ").join(parts))
    return result


@_guard
def documents(request):
    """Which documents are required (the others are optional), and the SIM accepted
    instead of the KTP (stored as the either-or entry ``ktp|sim``)."""
    office, _can_edit = _start(request)
    kinds = selectors.office_document_kind_choices()
    current = selectors.office_required_documents(office) or []
    chosen: list[str] = []
    for entry in current:
        chosen.extend(entry.split(ANY_OF)[:1])
    initial = {"required": chosen, "sim_instead_of_ktp": "ktp|sim" in current}
    form = forms.DocumentsForm(initial=initial, kinds=kinds)
    status = 200
    if request.method == "POST":
        form = forms.DocumentsForm(request.POST, kinds=kinds)
        if form.is_valid():
            picked = set(form.cleaned_data["required"])
            entries = []
            for code, _label in kinds:
                if code not in picked:
                    continue
                if code == "ktp" and form.cleaned_data["sim_instead_of_ktp"]:
                    entries.append("ktp|sim")
                elif code == "sim" and form.cleaned_data["sim_instead_of_ktp"] and "ktp" in picked:
                    continue
                else:
                    entries.append(code)
            try:
                services.office_required_documents_set(
                    actor=request.user,
                    office=office,
                    kinds=entries,
                    allowed=[code for code, _label in kinds],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The list of documents is saved."))
                return redirect("offices:settings_documents")
        status = 400
    return _page(
        request,
        "documents.html",
        {"office": office, "form": form, "current": _document_labels(office)},
        status,
    )


@_guard
def calendar(request):
    """Working hours, service time in working days, and the closed days."""
    office, _can_edit = _start(request)
    hours_form = forms.HoursForm(initial=_values(office, forms.HoursForm))
    closure_form = forms.ClosureForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "hours")
        if action == "closure_add":
            closure_form = forms.ClosureForm(request.POST)
            if closure_form.is_valid():
                try:
                    services.office_closure_add(
                        actor=request.user, office=office, **closure_form.cleaned_data
                    )
                except DomainError as exc:
                    closure_form.add_domain_error(exc)
                else:
                    messages.success(request, _("The closed day is added."))
                    return redirect("offices:settings_calendar")
        elif action == "closure_remove":
            remove_form = forms.ClosureForm({"date": request.POST.get("date", "")})
            if remove_form.is_valid():
                try:
                    services.office_closure_remove(
                        actor=request.user, office=office, date=remove_form.cleaned_data["date"]
                    )
                except DomainError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("The office is open on that day again."))
            else:
                messages.error(request, _("This closed day was not found."))
            return redirect("offices:settings_calendar")
        else:
            hours_form = forms.HoursForm(request.POST)
            if hours_form.is_valid():
                values = dict(hours_form.cleaned_data)
                if not values.get("time_zone"):
                    values.pop("time_zone", None)
                try:
                    services.office_settings_update(actor=request.user, office=office, **values)
                except DomainError as exc:
                    hours_form.add_domain_error(exc)
                else:
                    messages.success(request, _("The working hours are saved."))
                    return redirect("offices:settings_calendar")
        status = 400
    return _page(
        request,
        "calendar.html",
        {
            "office": office,
            "hours_form": hours_form,
            "closure_form": closure_form,
            "closures": selectors.office_closures(office),
        },
        status,
    )


@_guard
def rules(request):
    """The minimum age; links to the reporting rules and the return reasons."""
    return _office_fields_page(
        request,
        form_class=forms.RulesForm,
        template="rules.html",
        saved=_("The rules are saved."),
        url_name="offices:settings_rules",
        extra=lambda office: {"lifecycle": selectors.office_lifecycle_settings(office)},
    )


@require_GET
def logo(request, pk: int, version: str):
    """An office's uploaded logo (public: the header of every page shows it). The version
    is in the URL, so the answer may be cached for long."""
    row = (
        OfficeLogo.objects.filter(office_id=pk, office__logo_version=version)
        .only("data", "content_type")
        .first()
    )
    if row is None:
        raise Http404
    response = HttpResponse(bytes(row.data), content_type=row.content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
