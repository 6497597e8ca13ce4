"""Complaint pages: the citizen's form, status page and the public statistics (all work
signed out and without JavaScript); the staff queue, counter entry, detail and export."""

from __future__ import annotations

import csv
import json
import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.applications.selectors import application_for_applicant
from pencaker.complaints import selectors, services
from pencaker.complaints.choices import OPEN_STATUSES, Category, Channel, Status
from pencaker.complaints.deadlines import format_due, settings_for
from pencaker.complaints.forms import (
    AnswerForm,
    AssignForm,
    ComplaintForm,
    DeclineForm,
    ExtendForm,
    RateForm,
    ReopenForm,
    SettingsForm,
    StaffComplaintForm,
    TrackForm,
    VerifyForm,
)
from pencaker.complaints.links import complaint_secret
from pencaker.core.audit import AuditAction, audit_record, client_ip
from pencaker.core.errors import DomainError
from pencaker.offices.models import Office

logger = logging.getLogger(__name__)


def _offices():
    return list(Office.objects.order_by("name"))


def _attached_application(request: HttpRequest):
    number = (request.GET.get("permohonan") or request.POST.get("permohonan") or "").strip()
    if not number or not request.user.is_authenticated:
        return None
    try:
        return application_for_applicant(request.user, number[:30])
    except DomainError:
        return None


def _input(form: ComplaintForm, *, offices, application, channel=Channel.WEB, named_staff_id=None):
    office = next(o for o in offices if str(o.pk) == form.cleaned_data["office"])
    if application is not None:
        office = application.office
    return services.ComplaintInput(
        office=office,
        category=form.cleaned_data["category"],
        text=form.cleaned_data["text"],
        privacy=form.cleaned_data["privacy"],
        name=form.cleaned_data.get("name") or "",
        contact_channel=form.cleaned_data.get("contact_channel") or "",
        contact=form.cleaned_data.get("contact") or "",
        channel=channel,
        application=application,
        named_staff_id=named_staff_id,
    )


def submit(request: HttpRequest) -> HttpResponse:
    offices = _offices()
    application = _attached_application(request)
    form = ComplaintForm(request.POST or None, request.FILES or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            complaint, _created = services.complaint_submit(
                actor=request.user if request.user.is_authenticated else None,
                data=_input(form, offices=offices, application=application),
                attachments=form.cleaned_data["attachments"],
                idempotency_key=request.POST.get("idempotency_key", ""),
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request,
                _("Your complaint was received. Keep this page's address: it shows the status."),
            )
            return redirect(
                "complaints:status", complaint.tracking_number, complaint_secret(complaint)
            )
    return render(
        request,
        "complaints/submit.html",
        {"form": form, "application": application, "idempotency_key": services.new_form_key()},
    )


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_for_complainant(
                number=form.cleaned_data["number"], secret=form.cleaned_data["secret"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(
                "complaints:status", complaint.tracking_number, complaint_secret(complaint)
            )
    return render(request, "complaints/track.html", {"form": form})


def status(request: HttpRequest, number: str, secret: str) -> HttpResponse:
    try:
        complaint = services.complaint_for_complainant(number=number, secret=secret)
    except DomainError:
        raise Http404 from None
    if complaint.data_change_application_id and complaint.is_open:
        services.card_fixes_sweep(office=complaint.office)
        complaint.refresh_from_db()
    reopen_form = ReopenForm(request.POST if request.POST.get("action") == "reopen" else None)
    rate_form = RateForm(request.POST if request.POST.get("action") == "rate" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.complaint_confirm(number=number, secret=secret)
                messages.success(request, _("Thank you. The complaint is closed."))
                return redirect(request.path)
            if action == "reopen" and reopen_form.is_valid():
                services.complaint_reopen(
                    number=number, secret=secret, reason=reopen_form.cleaned_data["reason"]
                )
                messages.success(request, _("The complaint was reopened."))
                return redirect(request.path)
            if action == "rate" and rate_form.is_valid():
                services.complaint_rate(
                    number=number,
                    secret=secret,
                    rating=rate_form.cleaned_data["rating"],
                    comment=rate_form.cleaned_data["comment"],
                )
                messages.success(request, _("Thank you for your rating."))
                return redirect(request.path)
        except DomainError as exc:
            form = reopen_form if action == "reopen" else rate_form
            if action in ("reopen", "rate"):
                form.add_domain_error(exc)
            else:
                messages.error(request, exc.message)
    history = [
        {"at": h.at, "status": h.get_to_status_display(), "note": h.public_note}
        for h in complaint.history.all()
    ]
    return render(
        request,
        "complaints/status.html",
        {
            "complaint": complaint,
            "history": history,
            "verify_due": format_due(complaint.verify_due_at),
            "answer_due": format_due(complaint.answer_due_at),
            "reopen_form": reopen_form,
            "rate_form": rate_form,
            "can_reply": complaint.status == Status.ANSWERED,
            "can_reopen": complaint.status == Status.ANSWERED and complaint.reopen_count == 0,
            "can_rate": complaint.answered_at is not None
            and complaint.rating is None
            and complaint.status in (Status.ANSWERED, Status.CLOSED),
        },
    )


def stats(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/stats.html", {"stats": selectors.public_stats()})


# --- staff ------------------------------------------------------------------------------
@staff_required
def staff_queue(request: HttpRequest) -> HttpResponse:
    status_filter = request.GET.get("status", "open")
    rows = selectors.complaint_queue(
        request.user,
        status=status_filter,
        q=request.GET.get("q", "")[:100],
        category=request.GET.get("category", ""),
    )
    context = {
        "rows": list(rows[:200]),
        "status_filter": status_filter,
        "q": request.GET.get("q", "")[:100],
        "statuses": Status.choices,
        "can_enter": request.user.role in services.ENTRY_ROLES,
        "can_export": request.user.role in services.HANDLING_ROLES | {Role.PIMPINAN},
    }
    if request.user.role in (Role.PIMPINAN, Role.ADMIN_DINAS, Role.COMPLAINTS_OFFICER):
        context["dashboard"] = selectors.pimpinan_dashboard(request.user)
    return render(request, "complaints/staff_queue.html", context)


@staff_required(roles=services.ENTRY_ROLES)
def staff_new(request: HttpRequest) -> HttpResponse:
    offices = [request.user.office]
    staff = list(selectors.office_staff(request.user.office_id))
    form = StaffComplaintForm(
        request.POST or None, request.FILES or None, offices=offices, staff=staff
    )
    if request.method == "POST" and form.is_valid():
        named = form.cleaned_data.get("named_staff")
        try:
            complaint, _created = services.complaint_submit(
                actor=request.user,
                data=_input(
                    form,
                    offices=offices,
                    application=None,
                    channel=form.cleaned_data["channel"],
                    named_staff_id=int(named) if named else None,
                ),
                attachments=form.cleaned_data["attachments"],
                idempotency_key=request.POST.get("idempotency_key", ""),
                ip_address=client_ip(request),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request,
                _(
                    "Complaint %(number)s recorded. Give the complainant the number and the "
                    "secret code %(secret)s."
                )
                % {"number": complaint.tracking_number, "secret": complaint_secret(complaint)},
            )
            if complaint.named_staff_id == request.user.pk:
                return redirect("complaints:staff_queue")
            return redirect("complaints:staff_detail", complaint.pk)
    return render(
        request,
        "complaints/staff_new.html",
        {"form": form, "idempotency_key": services.new_form_key()},
    )


_ACTIONS = {
    "verify": VerifyForm,
    "decline": DeclineForm,
    "assign": AssignForm,
    "answer": AnswerForm,
    "extend": ExtendForm,
}


def _run_action(request: HttpRequest, complaint, action: str, form) -> None:
    actor = request.user
    data = form.cleaned_data if form is not None else {}
    if action == "verify":
        named = data.get("named_staff")
        services.complaint_verify(
            actor=actor,
            complaint_id=complaint.pk,
            tier=data["tier"],
            named_staff_id=int(named) if named else None,
        )
    elif action == "decline":
        services.complaint_decline(
            actor=actor,
            complaint_id=complaint.pk,
            reason=data["reason"],
            note=data["note"],
            duplicate_of_number=data["duplicate_of"],
        )
    elif action == "assign":
        assignee = data.get("assignee")
        services.complaint_assign(
            actor=actor,
            complaint_id=complaint.pk,
            unit=data["unit"],
            assignee_id=int(assignee) if assignee else None,
        )
    elif action == "answer":
        services.complaint_answer(actor=actor, complaint_id=complaint.pk, **data)
    elif action == "extend":
        services.complaint_extend(actor=actor, complaint_id=complaint.pk, reason=data["reason"])
    elif action == "escalate":
        services.complaint_escalate(actor=actor, complaint_id=complaint.pk)
    elif action == "data_change":
        services.complaint_data_change_open(
            actor=actor, complaint_id=complaint.pk, ip_address=client_ip(request)
        )
    elif action == "forward":
        reference = services.complaint_forward(actor=actor, complaint_id=complaint.pk)
        messages.info(request, _("Forwarded to SP4N-LAPOR!: %(ref)s") % {"ref": reference})


@staff_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_for_staff(request.user, pk)
    if complaint is None:
        raise Http404
    if complaint.data_change_application_id and complaint.is_open:
        services.card_fixes_sweep(office=complaint.office)
        complaint.refresh_from_db()
    staff = list(selectors.assignable_staff(complaint))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = {}
    for name, form_class in _ACTIONS.items():
        bound = request.POST if action == name else None
        kwargs = {"staff": staff} if name in ("verify", "assign") else {}
        forms[name] = form_class(bound, **kwargs)
    if action:
        form = forms.get(action)
        if form is None or form.is_valid():
            try:
                _run_action(request, complaint, action, form)
            except DomainError as exc:
                if form is not None:
                    form.add_domain_error(exc)
                else:
                    messages.error(request, exc.message)
            else:
                if action != "forward":
                    messages.success(request, _("Saved."))
                return redirect("complaints:staff_detail", complaint.pk)
    role = request.user.role
    handles = role in services.HANDLING_ROLES
    return render(
        request,
        "complaints/staff_detail.html",
        {
            "complaint": complaint,
            "identity": selectors.complaint_identity(request.user, complaint),
            "history": list(complaint.history.select_related("actor")),
            "attachments": list(complaint.attachments.all()),
            "forms": forms,
            "handles": handles,
            "can_answer": complaint.is_open
            and complaint.status != Status.RECEIVED
            and (handles or complaint.assigned_to_id == request.user.pk),
            "can_data_change": role in DECIDING_ROLES
            and complaint.category == Category.CARD_DATA
            and not complaint.data_change_application_id
            and complaint.status
            in (Status.VERIFIED, Status.ASSIGNED, Status.REOPENED, Status.ESCALATED),
            "open": complaint.status in OPEN_STATUSES,
            "verify_due": format_due(complaint.verify_due_at),
            "answer_due": format_due(complaint.answer_due_at),
        },
    )


@staff_required(roles=services.HANDLING_ROLES | {Role.PIMPINAN})
def staff_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("json", "csv"):
        raise Http404
    rows = selectors.complaint_export_rows(request.user)
    audit_record(
        actor=request.user,
        action=AuditAction.COMPLAINT_EXPORTED,
        office=request.user.office,
        ip_address=client_ip(request),
        data={"format": fmt, "rows": len(rows)},
    )
    if fmt == "json":
        response = HttpResponse(
            json.dumps({"complaints": rows}, ensure_ascii=False, indent=1),
            content_type="application/json",
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.DictWriter(response, fieldnames=list(selectors.EXPORT_FIELDS))
        writer.writeheader()
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="pengaduan.{fmt}"'
    return response


@staff_required(roles={Role.ADMIN_DINAS})
def staff_settings(request: HttpRequest) -> HttpResponse:
    """The office's complaint deadlines (admin dinas)."""
    office = request.user.office
    current = settings_for(office)
    names = list(SettingsForm.base_fields)
    form = SettingsForm(request.POST or None, initial={n: getattr(current, n) for n in names})
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_settings_update(
                actor=request.user, office=office, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:staff_settings")
    return render(request, "complaints/staff_settings.html", {"form": form})
