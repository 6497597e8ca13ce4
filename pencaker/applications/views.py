"""Pages for applicants (request, status) and operators (queue, review, decisions).

Views parse input, call one service or selector, and render; a ``DomainError`` becomes a
message next to the action.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import seeker_required, staff_required
from pencaker.accounts.selectors import staff_list_for_office
from pencaker.applications import assisted, intake, selectors, services, sla
from pencaker.applications import reasons as reason_list
from pencaker.applications.forms import (
    AssistedRegistrationForm,
    NoteForm,
    QueueFilterForm,
    ReassignForm,
    RejectForm,
    ReturnForm,
    ReturnReasonAddForm,
    ReturnReasonEditForm,
    SubmitForm,
)
from pencaker.applications.reasons import return_reason_choices
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError, NotFound

DECIDERS = (Role.OPERATOR, Role.ADMIN_DINAS)


def _not_found(request):
    return render(request, "applications/not_found.html", status=404)


# --- applicant ---------------------------------------------------------------------------


@seeker_required
def start(request):
    """The checklist, the request form, and the person's earlier requests."""
    current = selectors.application_open_for(request.user)
    if current is not None:
        return redirect("applications:detail", tracking_number=current.tracking_number)
    form = SubmitForm()
    error = None
    if request.method == "POST":
        form = SubmitForm(request.POST)
        if form.is_valid():
            try:
                application, created = services.application_submit(
                    actor=request.user,
                    type=form.cleaned_data["type"],
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                error = exc
            else:
                if created:
                    messages.success(
                        request,
                        _("Your request has been sent. Tracking number: %(number)s")
                        % {"number": application.tracking_number},
                    )
                return redirect("applications:detail", tracking_number=application.tracking_number)
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    checklist = intake.applicant_checklist(request.user)
    return render(
        request,
        "applications/start.html",
        {
            "form": form,
            "checklist": checklist,
            "error": error,
            "past": selectors.applications_of(request.user)[:10],
        },
        status=400 if error is not None else 200,
    )


@seeker_required
def detail(request, tracking_number: str):
    try:
        application = selectors.application_for_applicant(request.user, tracking_number)
    except NotFound:
        return _not_found(request)
    return render(
        request,
        "applications/detail.html",
        {
            "application": application,
            "timeline": selectors.application_timeline(application),
            "return_items": selectors.application_return_items(application)
            if application.status == "needs_changes"
            else [],
            "checklist": intake.applicant_checklist(request.user)
            if application.status == "needs_changes"
            else None,
            "sla": sla.sla_state(application),
        },
    )


def _applicant_action(request, tracking_number: str, action):
    try:
        application = selectors.application_for_applicant(request.user, tracking_number)
        action(application)
    except NotFound:
        return _not_found(request)
    except DomainError as exc:
        messages.error(request, exc.message)
        for item in exc.details.get("missing", []):
            messages.error(request, item["label"])
    return redirect("applications:detail", tracking_number=tracking_number)


@require_POST
@seeker_required
def resubmit(request, tracking_number: str):
    def act(application):
        services.application_resubmit(
            actor=request.user, application_id=application.pk, ip_address=client_ip(request)
        )
        messages.success(request, _("Your request has been sent again."))

    return _applicant_action(request, tracking_number, act)


@require_POST
@seeker_required
def withdraw(request, tracking_number: str):
    def act(application):
        services.application_withdraw(actor=request.user, application_id=application.pk)
        messages.success(request, _("Your request has been withdrawn."))

    return _applicant_action(request, tracking_number, act)


# --- operator ----------------------------------------------------------------------------


@staff_required
def queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.application_queue_for_office(
        request.user.office_id,
        status=filters.get("status") or "",
        type=filters.get("type") or "",
        mine_for=request.user if filters.get("mine") else None,
    )[:200]
    calendar = sla.office_calendar(request.user.office)
    items = [(a, sla.sla_state(a, calendar=calendar)) for a in rows]
    return render(
        request,
        "applications/queue.html",
        {"form": form, "items": items, "can_decide": request.user.role in DECIDERS},
    )


@staff_required
def review(request, pk: int):
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    return _render_review(request, application)


def _render_review(request, application, *, return_form=None, reject_form=None, status=200):
    items = intake.returnable_items(application)
    snapshot_profile = application.snapshot.get("profile") or {}
    return render(
        request,
        "applications/review.html",
        {
            "application": application,
            "profile": snapshot_profile,
            "snapshot": application.snapshot,
            "documents": [
                {**d, "label": intake.document_label(d["kind"])} for d in application.documents
            ],
            "timeline": selectors.application_timeline(application),
            "sla": sla.sla_state(application),
            "duplicates": selectors.application_duplicate_nik(application),
            "nik_warnings": selectors.application_nik_warnings(application),
            "return_form": return_form
            or ReturnForm(items=items, reasons=return_reason_choices(application.office)),
            "reject_form": reject_form or RejectForm(),
            "note_form": NoteForm(),
            "is_mine": application.claimed_by_id == request.user.pk,
            "can_decide": request.user.role in DECIDERS
            and application.status == "in_review"
            and (
                application.claimed_by_id == request.user.pk
                or request.user.role == Role.ADMIN_DINAS
            ),
            "can_claim": request.user.role in DECIDERS and application.status == "submitted",
        },
        status=status,
    )


def _staff_action(request, pk: int, action, success: str):
    try:
        application = selectors.application_for_staff(request.user, pk)
        action(application)
    except NotFound:
        return _not_found(request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("applications:review", pk=pk)


@require_POST
@staff_required(roles=DECIDERS)
def claim(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda a: services.application_claim(actor=request.user, application_id=a.pk),
        _("You are now checking this application."),
    )


@require_POST
@staff_required(roles=DECIDERS)
def release(request, pk: int):
    return _staff_action(
        request,
        pk,
        lambda a: services.application_release(actor=request.user, application_id=a.pk),
        _("The application is back in the queue."),
    )


@require_POST
@staff_required(roles=DECIDERS)
def approve(request, pk: int):
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _staff_action(
        request,
        pk,
        lambda a: services.application_approve(actor=request.user, application_id=a.pk, note=note),
        _("Approved. The applicant has been told by email."),
    )


@require_POST
@staff_required(roles=DECIDERS)
def return_for_changes(request, pk: int):
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    form = ReturnForm(
        request.POST,
        items=intake.returnable_items(application),
        reasons=return_reason_choices(application.office),
    )
    if not form.is_valid():
        return _render_review(request, application, return_form=form, status=400)
    entries = [
        services.ReturnItemInput(code, reason, text)
        for code, reason, text in form.cleaned_data["chosen"]
    ]
    return _staff_action(
        request,
        pk,
        lambda a: services.application_return(
            actor=request.user,
            application_id=a.pk,
            items=entries,
            note=form.cleaned_data["note"],
        ),
        _("Returned to the applicant with the reasons you chose."),
    )


@require_POST
@staff_required(roles=DECIDERS)
def reject(request, pk: int):
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _render_review(request, application, reject_form=form, status=400)
    return _staff_action(
        request,
        pk,
        lambda a: services.application_reject(
            actor=request.user,
            application_id=a.pk,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        ),
        _("Rejected. The applicant has been told by email."),
    )


@staff_required
def dashboard(request):
    return render(
        request,
        "applications/dashboard.html",
        {"months": selectors.application_sla_by_month(request.user.office)},
    )


def _document_kinds(office) -> list[tuple[str, str]]:
    from pencaker.documents.selectors import document_kind_labels, required_kinds_for_office

    labels = document_kind_labels()
    return [(kind, labels[kind]) for kind in required_kinds_for_office(office)]


@staff_required(roles=DECIDERS)
def assisted_registration(request):
    """The counter form: account, profile, documents and request for a walk-in citizen."""
    kinds = _document_kinds(request.user.office)
    if request.method == "POST":
        form = AssistedRegistrationForm(request.POST, request.FILES, document_kinds=kinds)
        error = None
        if form.is_valid():
            data = form.cleaned_data
            citizen = assisted.CitizenInput(
                email=data["email"],
                phone=data["phone"],
                full_name=data["full_name"],
                nik=data["nik"],
                birth_place=data["birth_place"],
                birth_date=data["birth_date"],
                sex=data["sex"],
                marital_status=data["marital_status"],
                religion=data["religion"],
                address_line=data["address_line"],
                rt=data["rt"],
                rw=data["rw"],
                village_code=data["village_code"],
                postal_code=data["postal_code"],
                education_level=data["education_level"],
                institution=data["institution"],
                major=data["major"],
                graduation_year=data["graduation_year"],
                documents=form.documents(),
            )
            try:
                application, _created = assisted.application_submit_assisted(
                    actor=request.user,
                    citizen=citizen,
                    consent=data["consent"],
                    type=data["type"],
                    idempotency_key=data["idempotency_key"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                # accounts puts field errors under "fields", seekers at the top level.
                fields = exc.details.get("fields") or {
                    k: v for k, v in exc.details.items() if isinstance(v, list) and k != "missing"
                }
                if not form.add_service_errors(fields):
                    error = exc
            else:
                messages.success(
                    request,
                    _(
                        "Account and request created. Tracking number: %(number)s. The citizen "
                        "gets an email to set their password."
                    )
                    % {"number": application.tracking_number},
                )
                return redirect("applications:review", pk=application.pk)
        return render(
            request,
            "applications/assisted.html",
            {"form": form, "error": error},
            status=400,
        )
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    form = AssistedRegistrationForm(document_kinds=kinds)
    return render(request, "applications/assisted.html", {"form": form, "error": None})


@staff_required(roles=[Role.ADMIN_DINAS])
def return_reasons(request):
    """The admin dinas keeps the office's list of reasons to return an application."""
    add_form = ReturnReasonAddForm(prefix="add")
    edit_errors: dict[int, ReturnReasonEditForm] = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                add_form = ReturnReasonAddForm(request.POST, prefix="add")
                if add_form.is_valid():
                    reason_list.return_reason_create(
                        actor=request.user, label=add_form.cleaned_data["label"]
                    )
                    messages.success(request, _("The reason has been added."))
                    return redirect("applications:reasons")
            elif action == "update":
                try:
                    reason_id = int(request.POST.get("reason", ""))
                except ValueError:
                    reason_id = 0
                form = ReturnReasonEditForm(request.POST, prefix=f"r{reason_id}")
                if form.is_valid():
                    reason_list.return_reason_update(
                        actor=request.user,
                        reason_id=reason_id,
                        label=form.cleaned_data["label"],
                        active=form.cleaned_data["active"],
                    )
                    messages.success(request, _("The reason has been saved."))
                    return redirect("applications:reasons")
                edit_errors[reason_id] = form
            else:
                return HttpResponseNotAllowed(["GET", "POST"])
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("applications:reasons")
        status = 400
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    rows = []
    for reason in reason_list.return_reasons_for_office(request.user.office, active_only=False):
        form = edit_errors.get(reason.pk) or ReturnReasonEditForm(
            prefix=f"r{reason.pk}", initial={"label": reason.label, "active": reason.active}
        )
        rows.append((reason, form))
    return render(
        request,
        "applications/reasons.html",
        {"rows": rows, "add_form": add_form},
        status=status,
    )


@staff_required(roles=[Role.ADMIN_DINAS])
def reassign(request, pk: int):
    """The admin dinas hands an application being checked to another operator of the office."""
    try:
        application = selectors.application_for_staff(request.user, pk)
    except NotFound:
        return _not_found(request)
    operators = (
        staff_list_for_office(office_id=application.office_id)
        .filter(role__in=DECIDERS, is_active=True)
        .exclude(pk=application.claimed_by_id)
    )
    form = ReassignForm(request.POST or None, operators=operators)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_reassign(
                actor=request.user,
                application_id=application.pk,
                operator=form.cleaned_data["operator"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            chosen = form.cleaned_data["operator"]
            name = chosen.full_name or chosen.email
            messages.success(
                request, _("%(name)s is now checking this application.") % {"name": name}
            )
            return redirect("applications:review", pk=application.pk)
    return render(
        request,
        "applications/reassign.html",
        {
            "application": application,
            "form": form,
            "can_reassign": application.status == "in_review",
        },
        status=400 if form.errors else 200,
    )


@require_POST
@seeker_required
def renew(request):
    """The renewal button of the holder's report page (lifecycle) submits a renewal."""
    try:
        application = services.renewal_request(
            actor=request.user, today=timezone.localdate(), ip_address=client_ip(request)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("lifecycle:home")
    messages.success(
        request,
        _("Your renewal request %(tracking)s has been sent. We will tell you when it is ready.")
        % {"tracking": application.tracking_number},
    )
    return redirect("lifecycle:home")
