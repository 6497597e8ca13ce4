from __future__ import annotations

import io

import pytest
from django.core.files.uploadhandler import StopUpload
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from pencaker.documents.upload_limit import DRAIN_MAX_BYTES, UploadLimitHandler

LIMIT = 1000


def parse(body: bytes, *, declared_length: int, limit: int = LIMIT):
    handler = UploadLimitHandler(limit=limit)
    stream = io.BytesIO(body)
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(declared_length)}
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    memory = MemoryFileUploadHandler()
    parser = MultiPartParser(meta, stream, [handler, memory], "utf-8")
    post, files = parser.parse()
    return handler, post, files, stream


def body_with(data: bytes) -> bytes:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return encode_multipart(
        BOUNDARY, {"csrfmiddlewaretoken": "tok", "file": SimpleUploadedFile("a.jpg", data)}
    )


def test_file_within_the_limit_passes_untouched():
    body = body_with(b"x" * LIMIT)
    handler, post, files, _ = parse(body, declared_length=len(body))
    assert handler.too_large_bytes is None
    assert files["file"].read() == b"x" * LIMIT
    assert post["csrfmiddlewaretoken"] == "tok"


def test_declared_oversized_body_is_refused_at_the_first_byte_of_the_file():
    body = body_with(b"x" * (LIMIT * 200))
    handler, post, files, stream = parse(body, declared_length=len(body))
    assert handler.too_large_bytes == len(body)
    assert handler.received == 0  # not a single byte of the file was handed on
    assert "file" not in files
    assert post["csrfmiddlewaretoken"] == "tok"  # fields before the file still arrive
    assert stream.tell() == len(body)  # the rest was drained (not kept) for the browser


def test_lying_content_length_is_caught_while_counting():
    body = body_with(b"x" * (LIMIT * 3))
    handler, _post, files, _ = parse(body, declared_length=len(body) - LIMIT * 2 - 1)
    assert handler.too_large_bytes is not None and handler.too_large_bytes > LIMIT
    assert handler.received <= LIMIT + 64 * 1024
    assert "file" not in files


def test_huge_body_is_not_even_drained():
    handler = UploadLimitHandler(limit=LIMIT)
    handler.handle_raw_input(None, {}, DRAIN_MAX_BYTES + 1, b"b")
    with pytest.raises(StopUpload) as info:
        handler.new_file("file", "a.jpg", "image/jpeg", None)
    assert info.value.connection_reset is True


def test_moderately_oversized_body_is_drained_so_the_browser_sees_the_error_page():
    handler = UploadLimitHandler(limit=LIMIT)
    handler.handle_raw_input(None, {}, 30 * 1024 * 1024, b"b")
    with pytest.raises(StopUpload) as info:
        handler.new_file("file", "a.jpg", "image/jpeg", None)
    assert info.value.connection_reset is False
