"""Staff screen of the holders import (admin dinas) and the template download."""

from __future__ import annotations

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pencaker.accounts.models import Role
from pencaker.accounts.permissions import staff_required
from pencaker.core.errors import DomainError
from pencaker.exchange.forms import HoldersUploadForm
from pencaker.exchange.holders_file import COLUMNS, template_csv, template_xlsx
from pencaker.exchange.holders_import import holders_import

ADMIN_ONLY = frozenset({Role.ADMIN_DINAS})
_SESSION_KEY = "exchange_pending_import"


def _pending_save(request, data: bytes, filename: str) -> str:
    token = secrets.token_urlsafe(16)
    name = default_storage.save(f"exchange/pending/{token}.bin", ContentFile(data))
    old = request.session.get(_SESSION_KEY)
    if old and default_storage.exists(old.get("path", "")):
        default_storage.delete(old["path"])
    request.session[_SESSION_KEY] = {
        "token": token,
        "path": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "filename": filename[:200],
        "office": request.user.office_id,
    }
    return token


def _pending_take(request, token: str) -> tuple[bytes, str] | None:
    pending = request.session.get(_SESSION_KEY) or {}
    if (
        not token
        or pending.get("token") != token
        or pending.get("office") != request.user.office_id
    ):
        return None
    try:
        with default_storage.open(pending["path"], "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != pending.get("sha256"):
        return None
    return data, pending.get("filename", "")


def _pending_clear(request) -> None:
    pending = request.session.pop(_SESSION_KEY, None) or {}
    if pending.get("path") and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])


@staff_required(roles=ADMIN_ONLY)
@require_http_methods(["GET", "POST"])
def holders_import_view(request) -> HttpResponse:
    office = request.user.office
    form = HoldersUploadForm()
    context: dict = {"columns": COLUMNS, "form": form}
    status = 200
    if request.method == "POST" and request.POST.get("confirm"):
        taken = _pending_take(request, request.POST.get("confirm", ""))
        if taken is None:
            context["error"] = _("The checked file is no longer available; upload it again.")
            status = 400
        else:
            data, filename = taken
            try:
                report = holders_import(
                    office=office, data=data, actor=request.user, filename=filename
                )
            except DomainError as exc:
                context["error"] = exc.message
                status = 400
            else:
                context["report"] = report
                if report.ok:
                    _pending_clear(request)
                else:
                    status = 400
    elif request.method == "POST":
        form = HoldersUploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                report = holders_import(
                    office=office,
                    data=data,
                    actor=request.user,
                    filename=upload.name,
                    dry_run=True,
                )
            except DomainError as exc:
                form.add_domain_error(exc)
                status = 400
            else:
                context["report"] = report
                if report.ok and report.new:
                    context["confirm_token"] = _pending_save(request, data, upload.name)
                elif not report.ok:
                    status = 400
        else:
            status = 400
    return render(request, "exchange/holders_import.html", context, status=status)


@staff_required(roles=ADMIN_ONLY)
@require_GET
def holders_template(request, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="template-impor-pencaker.{fmt}"'
    return response
