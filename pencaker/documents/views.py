"""Thin views: the job seeker's document page, the upload form, the file view and its
thumbnail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from pencaker.accounts.permissions import seeker_required
from pencaker.core.audit import client_ip
from pencaker.core.errors import DomainError
from pencaker.core.input_rules import multipart_refusal
from pencaker.documents.checks import too_large_error
from pencaker.documents.choices import DocumentKind
from pencaker.documents.forms import DocumentUploadForm
from pencaker.documents.models import DocumentVersion
from pencaker.documents.selectors import (
    document_accesses_for_owner,
    document_kind_labels,
    document_overview_for,
    document_version_for_viewer,
    owner_office,
    required_kinds_for_office,
)
from pencaker.documents.services import document_access_record, document_upload
from pencaker.documents.thumbnails import thumbnail_bytes
from pencaker.documents.upload_limit import install_upload_limit


@require_GET
@seeker_required
def document_list(request):
    office = owner_office(request.user)
    rows = document_overview_for(user=request.user, office=office)
    for row in rows:
        row.form = DocumentUploadForm(
            kind=row.kind, label=row.label, required_document=row.required
        )
        row.form.describe_errors()
    return render(
        request,
        "documents/list.html",
        {
            "rows": rows,
            "office": office,
            "accesses": document_accesses_for_owner(request.user)[:20],
        },
    )


@csrf_exempt  # the body must not be parsed before the upload limit is installed ...
@require_http_methods(["GET", "POST"])
def document_upload_view(request, kind: str):
    if kind not in DocumentKind.values:
        raise Http404
    if request.method == "POST":
        limit = install_upload_limit(request)
        return _upload(request, kind=kind, limit=limit)
    return _upload(request, kind=kind, limit=None)


@csrf_protect  # ... and CSRF is checked right after, on the limited parse.
@seeker_required
def _upload(request, *, kind: str, limit):
    label = document_kind_labels()[kind]
    shape = {
        "kind": kind,
        "label": label,
        "required_document": kind in required_kinds_for_office(owner_office(request.user)),
    }
    status = 200
    if request.method == "POST":
        if refused := multipart_refusal(request):
            return refused
        form = DocumentUploadForm(request.POST, request.FILES, **shape)
        if limit is not None and limit.too_large_bytes is not None:
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error("file", too_large_error(limit.too_large_bytes).message)
            status = 413
        elif form.is_valid():
            try:
                document_upload(
                    actor=request.user,
                    owner=request.user,
                    kind=kind,
                    uploaded_file=form.cleaned_data["file"],
                    ip_address=client_ip(request),
                )
            except DomainError as exc:
                form.add_error("file", exc.message)
                status = exc.status if exc.status == 413 else 200
            else:
                messages.success(request, _("%(document)s saved.") % {"document": label})
                return redirect("documents:list")
    else:
        form = DocumentUploadForm(**shape)
    form.describe_errors()
    return render(
        request,
        "documents/upload.html",
        {"form": form, "kind": kind, "label": label},
        status=status,
    )


@require_GET
def document_file(request, version_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        version, staff_view = document_version_for_viewer(user=request.user, version_id=version_id)
    except DocumentVersion.DoesNotExist:
        raise Http404 from None
    try:
        handle = version.file.storage.open(str(version.file.name), "rb")
    except OSError:
        raise Http404 from None
    if staff_view:
        try:
            document_access_record(
                staff=request.user, version=version, ip_address=client_ip(request)
            )
        except BaseException:
            handle.close()
            raise
    filename = f"{version.document.kind}-v{version.number}.{version.extension}"
    response = FileResponse(handle, content_type=version.content_type, filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def document_thumbnail(request, version_id: int):
    """A small re-encoded JPEG of the version (a PDF's first page), for the staff review
    page: the same access rule as the file, and a staff view is logged as one (the
    thumbnail shows the document). 404 when none can be made (the page shows an icon)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        version, staff_view = document_version_for_viewer(user=request.user, version_id=version_id)
    except DocumentVersion.DoesNotExist:
        raise Http404 from None
    try:
        data = thumbnail_bytes(version)
    except OSError:
        data = None
    if data is None:
        raise Http404
    if staff_view:
        document_access_record(staff=request.user, version=version, ip_address=client_ip(request))
    response = HttpResponse(data, content_type="image/jpeg")
    response["Content-Disposition"] = (
        f'inline; filename="{version.document.kind}-v{version.number}-thumbnail.jpg"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
