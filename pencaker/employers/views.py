"""Employer pages (sign-up, registration, home, members) and the staff queue."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.forms import SignupForm
from pencaker.accounts.models import Role
from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound
from pencaker.core.input_rules import multipart_refusal
from pencaker.employers import selectors, services, sla
from pencaker.employers.choices import ReturnField, Status
from pencaker.employers.forms import (
    ContactForm,
    InviteForm,
    OrganisationForm,
    RejectForm,
    ReturnForm,
    VerifyForm,
)
from pencaker.employers.models import Membership
from pencaker.offices.selectors import office_calendar
from pencaker.regions.forms import initial_from_village

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def employer_required(func: Callable) -> Callable:
    """Signed-in employer accounts only; an owner must also pass TOTP in this session."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if user.role != Role.EMPLOYER:
            raise PermissionDenied
        membership = selectors.membership_of(user)
        if membership is not None and membership.is_owner and not user.is_verified():
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{query}")
        return func(request, *args, membership=membership, **kwargs)

    return wrapper


# --- Sign-up and registration -------------------------------------------------------------


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("employers:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.employer_account_register(
                email=data["email"],
                phone=data["phone"],
                full_name=data["full_name"],
                password=data["password1"],
                consent=data["consent"],
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request,
                _("Your employer account is ready. Check your email to confirm the address."),
            )
            return redirect("employers:register")
    return render(
        request, "employers/signup.html", {"form": form}, status=400 if form.errors else 200
    )


@employer_required
def register(request: HttpRequest, *, membership: Membership | None) -> HttpResponse:
    if membership is not None:
        return redirect("employers:home")
    if refused := multipart_refusal(request):
        return refused
    form = OrganisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_register(
                actor=request.user,
                document=form.cleaned_data.get("document"),
                ip_address=client_ip(request),
                **form.organisation_fields(),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request,
                _("Registration sent. The office verifies it within %(days)s working days.")
                % {"days": sla.SLA_WORKING_DAYS},
            )
            return redirect("employers:home")
    return render(
        request,
        "employers/register.html",
        {"form": form, "title": _("Register your organisation")},
        status=400 if form.errors else 200,
    )


# --- Employer home and changes ------------------------------------------------------------


@employer_required
def home(request: HttpRequest, *, membership: Membership | None) -> HttpResponse:
    if membership is None:
        return redirect("employers:register")
    organisation = membership.organisation
    return render(
        request,
        "employers/home.html",
        {
            "organisation": organisation,
            "membership": membership,
            "members": selectors.organisation_members(organisation),
            "return_items": selectors.organisation_return_items(organisation),
            "timeline": selectors.organisation_timeline(organisation),
            "document": selectors.organisation_current_document(organisation),
            "invite_form": InviteForm(),
            "can_edit": organisation.status in services.EDITABLE_STATUSES
            or organisation.status == Status.VERIFIED,
        },
    )


def _organisation_initial(organisation) -> dict:
    initial = {name: getattr(organisation, name) for name in services.ORGANISATION_FIELDS}
    initial["sector"] = organisation.sector_id
    initial["village"] = organisation.village_id
    initial.update(initial_from_village(organisation.village))
    return initial


@employer_required
def edit(request: HttpRequest, *, membership: Membership | None) -> HttpResponse:
    if membership is None:
        return redirect("employers:register")
    organisation = membership.organisation
    form: forms.Form
    if organisation.status == Status.VERIFIED:
        form = ContactForm(
            request.POST or None,
            initial={name: getattr(organisation, name) for name in services.CONTACT_FIELDS},
        )
    elif organisation.status in services.EDITABLE_STATUSES:
        form = OrganisationForm(
            request.POST or None,
            request.FILES or None,
            initial=_organisation_initial(organisation),
            document_required=False,
        )
    else:
        messages.error(
            request, _("The office is checking your registration; it cannot change now.")
        )
        return redirect("employers:home")
    if request.method == "POST" and form.is_valid():
        if isinstance(form, OrganisationForm):
            fields, document = form.organisation_fields(), form.cleaned_data.get("document")
        else:
            fields, document = dict(form.cleaned_data), None
        try:
            services.organisation_update(
                actor=request.user,
                document=document,
                resubmit=organisation.status == Status.NEEDS_CHANGES,
                ip_address=client_ip(request),
                **fields,
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("employers:home")
    return render(
        request,
        "employers/register.html",
        {
            "form": form,
            "organisation": organisation,
            "title": _("Change your organisation's data"),
            "return_items": selectors.organisation_return_items(organisation),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@employer_required
def member_invite(request: HttpRequest, *, membership: Membership | None) -> HttpResponse:
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            membership = services.member_invite(
                actor=request.user, ip_address=client_ip(request), **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(email)s has been sent a link to choose a password.")
                % {"email": membership.user.email},
            )
    else:
        messages.error(request, _("Write the email address like nama@contoh.com."))
    return redirect("employers:home")


@require_POST
@employer_required
def member_remove(
    request: HttpRequest, membership_id: int, *, membership: Membership | None
) -> HttpResponse:
    try:
        services.member_remove(
            actor=request.user, membership_id=membership_id, ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The colleague has been removed and can no longer log in."))
    return redirect("employers:home")


# --- Staff -----------------------------------------------------------------------------------


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    rows = list(selectors.organisation_queue_for_office(request.user, status=status)[:200])
    office = getattr(request.user, "office", None)
    assert office is not None  # staff_required: staff belong to an office
    calendar = office_calendar(office)
    items = [(o, sla.sla_state(o, calendar=calendar)) for o in rows]
    return render(
        request,
        "employers/queue.html",
        {"items": items, "status": status, "statuses": Status.choices},
    )


def _staff_page(request, organisation, *, forms=None, status=200) -> HttpResponse:
    forms = forms or {}
    return render(
        request,
        "employers/review.html",
        {
            "organisation": organisation,
            "sla": sla.sla_state(organisation),
            "document": selectors.organisation_current_document(organisation),
            "members": selectors.organisation_members(organisation),
            "timeline": selectors.organisation_timeline(organisation),
            "verify_form": forms.get("verify") or VerifyForm(),
            "return_form": forms.get("return") or ReturnForm(),
            "reject_form": forms.get("reject") or RejectForm(),
            "return_fields": ReturnField.choices,
            "can_decide": request.user.role in DECIDING_ROLES
            and organisation.status == Status.SUBMITTED,
        },
        status=status,
    )


def _not_found(request) -> HttpResponse:
    return render(request, "employers/not_found.html", status=404)


@staff_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        organisation = selectors.organisation_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    return _staff_page(request, organisation)


@staff_required
def document(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    try:
        organisation = selectors.organisation_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    current = selectors.organisation_current_document(organisation)
    if current is None or not current.file.name:
        raise Http404
    response = FileResponse(
        default_storage.open(current.file.name, "rb"), content_type=current.content_type
    )
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


def _decide(request: HttpRequest, pk: int, form_name: str, form, call, success: str):
    try:
        organisation = selectors.organisation_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    if not form.is_valid():
        return _staff_page(request, organisation, forms={form_name: form}, status=400)
    try:
        call(organisation)
    except NotFound:
        return _not_found(request)
    except DomainError as exc:
        form.add_domain_error(exc)
        return _staff_page(request, organisation, forms={form_name: form}, status=400)
    messages.success(request, success)
    return redirect("employers:review", pk=pk)


@require_POST
@staff_required(roles=DECIDING_ROLES)
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    form = VerifyForm(request.POST)
    return _decide(
        request,
        pk,
        "verify",
        form,
        lambda o: services.organisation_verify(
            actor=request.user,
            organisation_id=o.pk,
            note=form.cleaned_data["note"],
            ip_address=client_ip(request),
        ),
        _("The organisation is verified. The employer has been told."),
    )


@require_POST
@staff_required(roles=DECIDING_ROLES)
def return_for_changes(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    return _decide(
        request,
        pk,
        "return",
        form,
        lambda o: services.organisation_return(
            actor=request.user,
            organisation_id=o.pk,
            items=[services.ReturnItemInput(field, text) for field, text in form.items()],
            note=form.cleaned_data["note"],
            ip_address=client_ip(request),
        ),
        _("The registration has been sent back to the employer."),
    )


@require_POST
@staff_required(roles=DECIDING_ROLES)
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    return _decide(
        request,
        pk,
        "reject",
        form,
        lambda o: services.organisation_reject(
            actor=request.user,
            organisation_id=o.pk,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            ip_address=client_ip(request),
        ),
        _("The registration has been rejected. The employer has been told."),
    )
