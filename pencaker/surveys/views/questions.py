"""The office's own survey questions (/survei/pertanyaan/): the admin dinas adds, edits and
retires them, the head of office (pimpinan) reads; other roles are refused (403) and
another office's question is not found (404)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import is_office_admin, staff_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.surveys import ikm, selectors, services
from pencaker.surveys.forms import QuestionForm
from pencaker.surveys.views.common import StaffRequest

READERS = {Role.ADMIN_DINAS, Role.PIMPINAN}


@staff_required(roles=READERS)
@require_GET
def question_list(request: StaffRequest) -> HttpResponse:
    office = request.user.office
    return render(
        request,
        "surveys/question_list.html",
        {
            "elements": selectors.element_questions_for_office(office),
            "can_edit": is_office_admin(request.user, office.pk),
            "max_per_element": services.EXTRA_PER_ELEMENT,
        },
    )


@staff_required(roles={Role.ADMIN_DINAS})
@require_http_methods(["GET", "POST"])
def question_add(request: StaffRequest, element: str) -> HttpResponse:
    if element not in ikm.ELEMENT_CODES:
        raise Http404
    office = request.user.office
    item = next(e for e in selectors.element_questions_for_office(office) if e.code == element)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(
                actor=request.user,
                office=office,
                element=element,
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The question was added; new survey forms ask it."))
            return redirect("surveys:questions")
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "element": item, "question": None},
        status=400 if form.errors else 200,
    )


def _own_question(request: StaffRequest, pk: int):
    question = selectors.office_question_for_staff(user=request.user, pk=pk)
    if question is None:
        raise Http404
    return question


def _element(request: StaffRequest, code: str):
    return next(
        e for e in selectors.element_questions_for_office(request.user.office) if e.code == code
    )


@staff_required(roles={Role.ADMIN_DINAS})
@require_http_methods(["GET", "POST"])
def question_edit(request: StaffRequest, pk: int) -> HttpResponse:
    question = _own_question(request, pk)
    form = QuestionForm(
        request.POST or None, initial={"text": question.text, "text_en": question.text_en}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                actor=request.user,
                question=question,
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:questions")
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "element": _element(request, question.element), "question": question},
        status=400 if form.errors else 200,
    )


@staff_required(roles={Role.ADMIN_DINAS})
@require_http_methods(["GET", "POST"])
def question_retire(request: StaffRequest, pk: int) -> HttpResponse:
    question = _own_question(request, pk)
    if request.method == "POST":
        deleted = services.question_retire(
            actor=request.user, question=question, ip_address=client_ip(request)
        )
        if deleted:
            messages.success(request, _("The question was removed."))
        else:
            messages.success(
                request,
                _(
                    "The question has answers, so it was kept for past results; "
                    "new survey forms no longer ask it."
                ),
            )
        return redirect("surveys:questions")
    return render(request, "surveys/question_retire.html", {"question": question})
