"""Survey pages: the public questionnaire (invitation link), the office kiosk, staff entry
of paper questionnaires, staff results per period (with the trend chart, the follow-up plan
and the XLSX/PDF exports) and the public published results."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pencaker.accounts.models import User
from pencaker.accounts.permissions import DECIDING_ROLES, staff_required
from pencaker.core.errors import DomainError
from pencaker.offices.models import Office
from pencaker.surveys import pdf_report, selectors, services, trend_chart, xlsx_export
from pencaker.surveys.choices import Channel
from pencaker.surveys.forms import FollowUpForm, PeriodForm, QuestionnaireForm

KIOSK_SESSION_KEY = "surveys_kiosk_office_id"
OFFICE_CODE_RE = re.compile(r"[0-9.]{1,13}")


class StaffRequest(HttpRequest):
    """A request that passed ``staff_required``: the user is a signed-in staff member."""

    user: User  # type: ignore[assignment]


def _message_page(request: HttpRequest, title: str, text: str, status: int = 200) -> HttpResponse:
    return render(request, "surveys/message.html", {"title": title, "text": text}, status=status)


# --- Public questionnaire by invitation ----------------------------------------------------


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return _message_page(
            request,
            _("Survey link not valid"),
            _("This survey link is not valid. Please check that you copied the whole link."),
            status=404,
        )
    if invitation.used_at is not None:
        return _message_page(
            request,
            _("Already answered"),
            _("This survey link has already been used. Thank you for your answers!"),
        )
    if invitation.is_expired:
        return _message_page(request, _("Survey closed"), _("This survey link has expired."))
    questions = selectors.questionnaire_for_office(invitation.office)
    form = QuestionnaireForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_answer(
                token=invitation.token, answers=form.answers(), profile=form.profile()
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("surveys:thanks")
    return render(
        request,
        "surveys/answer.html",
        {"form": form, "office": invitation.office},
        status=400 if form.errors else 200,
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return _message_page(
        request,
        _("Thank you!"),
        _("Your answers have been saved. They help the office improve its service."),
    )


# --- Kiosk at the office counter --------------------------------------------------------------


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def kiosk_start(request: StaffRequest) -> HttpResponse:
    """Staff hand the counter device over to the public: the staff session ends, and the
    new anonymous session only allows answering the office's questionnaire."""
    if request.method == "POST":
        office_id = request.user.office_id
        logout(request)
        request.session[KIOSK_SESSION_KEY] = office_id
        return redirect("surveys:kiosk")
    return render(request, "surveys/kiosk_start.html")


@require_http_methods(["GET", "POST"])
def kiosk(request: HttpRequest) -> HttpResponse:
    office_id = request.session.get(KIOSK_SESSION_KEY)
    office = Office.objects.filter(pk=office_id).first() if office_id else None
    if office is None:
        return render(request, "surveys/kiosk_inactive.html", status=403)
    questions = selectors.questionnaire_for_office(office)
    form = QuestionnaireForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(
                actor=None,
                office=office,
                channel=Channel.KIOSK,
                answers=form.answers(),
                profile=form.profile(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Thank you! Your answers have been saved. The next person may begin.")
            )
            return redirect("surveys:kiosk")
    return render(
        request,
        "surveys/kiosk.html",
        {"form": form, "office": office},
        status=400 if form.errors else 200,
    )


@require_POST
def kiosk_stop(request: HttpRequest) -> HttpResponse:
    request.session.pop(KIOSK_SESSION_KEY, None)
    return redirect("accounts:login")


# --- Staff: periods, paper entry, results -------------------------------------------------------


@staff_required
@require_http_methods(["GET", "POST"])
def period_list(request: StaffRequest) -> HttpResponse:
    can_write = request.user.role in DECIDING_ROLES
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                period = services.period_create(
                    actor=request.user, office=request.user.office, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The survey period was created."))
                return redirect("surveys:results", pk=period.pk)
    return render(
        request,
        "surveys/period_list.html",
        {
            "periods": selectors.periods_for_office(request.user.office),
            "form": form,
            "can_write": can_write,
        },
        status=400 if form.errors else 200,
    )


def _staff_period(request: StaffRequest, pk: int):
    period = selectors.period_for_staff(user=request.user, pk=pk)
    if period is None:
        raise Http404
    return period


@staff_required
def results(request: StaffRequest, pk: int) -> HttpResponse:
    period = _staff_period(request, pk)
    period_results = selectors.period_results(period)
    trend = selectors.office_trend(period.office)
    chart = trend_chart.build(
        [(entry.period.name, entry.result.converted_display) for entry in trend]
    )
    return render(
        request,
        "surveys/results.html",
        {
            "period": period,
            "results": period_results,
            "weak_codes": [e.code for e in period_results.weakest],
            "can_write": request.user.role in DECIDING_ROLES,
            "followups": selectors.followups_for_period(period),
            "trend": trend,
            "chart": chart,
        },
    )


def _download_name(period, extension: str) -> str:
    safe = slugify(period.name) or str(period.pk)
    return f"ikm-{slugify(period.office.code.replace('.', '-'))}-{safe}.{extension}"


@staff_required
def export_xlsx(request: StaffRequest, pk: int) -> HttpResponse:
    period = _staff_period(request, pk)
    period_results = selectors.period_results(period)
    content = xlsx_export.render_xlsx(
        period=period,
        rows=selectors.period_respondent_rows(period),
        result=period_results.result,
        weak_codes=[e.code for e in period_results.weakest],
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(period, "xlsx")}"'
    return response


@staff_required
def export_pdf(request: StaffRequest, pk: int) -> HttpResponse:
    period = _staff_period(request, pk)
    content = pdf_report.render_report(
        results=selectors.period_results(period),
        followups=list(selectors.followups_for_period(period)),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(period, "pdf")}"'
    return response


# --- Staff: follow-up plan (rencana tindak lanjut) -------------------------------------------


def _followup_values(form: FollowUpForm) -> dict[str, str]:
    data = form.cleaned_data
    return {
        "element": data["element"],
        "action": data["action"],
        "quarter": data["quarter"],
        "person_responsible": data["person_responsible"],
        "status": data["status"],
    }


def _weak_codes(period) -> list[str]:
    return [e.code for e in selectors.period_results(period).weakest]


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def followup_add(request: StaffRequest, pk: int) -> HttpResponse:
    period = _staff_period(request, pk)
    weak_codes = _weak_codes(period)
    initial = {"quarter": f"{period.end_date.year + 1}-Q1"}
    element = request.GET.get("unsur", "")
    initial["element"] = element if element in weak_codes else (weak_codes or ["U1"])[0]
    form = FollowUpForm(request.POST or None, period=period, weak_codes=weak_codes, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_create(actor=request.user, period=period, **_followup_values(form))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The follow-up action was added to the plan."))
            return redirect(reverse("surveys:results", kwargs={"pk": period.pk}) + "#plan")
    return render(
        request,
        "surveys/followup_form.html",
        {"form": form, "period": period, "followup": None},
        status=400 if form.errors else 200,
    )


def _staff_followup(request: StaffRequest, pk: int):
    followup = selectors.followup_for_staff(user=request.user, pk=pk)
    if followup is None:
        raise Http404
    return followup


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def followup_edit(request: StaffRequest, pk: int) -> HttpResponse:
    followup = _staff_followup(request, pk)
    period = followup.period
    form = FollowUpForm(
        request.POST or None,
        period=period,
        weak_codes=_weak_codes(period),
        current_quarter=followup.quarter,
        initial={
            "element": followup.element,
            "action": followup.action,
            "quarter": followup.quarter,
            "person_responsible": followup.person_responsible,
            "status": followup.status,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_update(
                actor=request.user, followup=followup, **_followup_values(form)
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The follow-up action was saved."))
            return redirect(reverse("surveys:results", kwargs={"pk": period.pk}) + "#plan")
    return render(
        request,
        "surveys/followup_form.html",
        {"form": form, "period": period, "followup": followup},
        status=400 if form.errors else 200,
    )


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def followup_delete(request: StaffRequest, pk: int) -> HttpResponse:
    followup = _staff_followup(request, pk)
    period = followup.period
    if request.method == "POST":
        services.followup_delete(actor=request.user, followup=followup)
        messages.success(request, _("The follow-up action was removed from the plan."))
        return redirect(reverse("surveys:results", kwargs={"pk": period.pk}) + "#plan")
    return render(request, "surveys/followup_delete.html", {"followup": followup, "period": period})


@staff_required(roles=DECIDING_ROLES)
@require_POST
def publish(request: StaffRequest, pk: int) -> HttpResponse:
    period = _staff_period(request, pk)
    publish_it = request.POST.get("publish") == "1"
    services.period_publish(actor=request.user, period=period, publish=publish_it)
    messages.success(
        request,
        _("The results are now public.") if publish_it else _("The results are no longer public."),
    )
    return redirect("surveys:results", pk=period.pk)


@staff_required(roles=DECIDING_ROLES)
@require_http_methods(["GET", "POST"])
def paper_entry(request: StaffRequest, pk: int) -> HttpResponse:
    period = _staff_period(request, pk)
    questions = selectors.questionnaire_for_office(period.office)
    form = QuestionnaireForm(
        request.POST or None,
        questions=questions,
        answers_required=False,
        with_date=True,
        period=period,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_record(
                actor=request.user,
                office=period.office,
                channel=Channel.PAPER,
                answers=form.answers(),
                profile=form.profile(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The paper questionnaire was saved. Enter the next one."))
            return redirect("surveys:paper_entry", pk=period.pk)
    return render(
        request,
        "surveys/paper_entry.html",
        {"form": form, "period": period},
        status=400 if form.errors else 200,
    )


# --- Public results -----------------------------------------------------------------------------


def public_results(request: HttpRequest) -> HttpResponse:
    periods = selectors.published_periods()
    office_code = request.GET.get("kantor", "")
    if office_code:
        # Shape-check before the lookup: PostgreSQL refuses NUL bytes in a query.
        if OFFICE_CODE_RE.fullmatch(office_code):
            periods = periods.filter(office__code=office_code)
        else:
            periods = periods.none()
    shown = [selectors.period_results(p) for p in periods[:20]]
    return render(request, "surveys/public_results.html", {"shown": shown})
