"""Refuse an oversized upload while it streams in, before it is stored anywhere.

Installed first in ``request.upload_handlers`` by the upload view and the API endpoint,
before anything reads the body. Django then never buffers or spools more than the limit:

* If the request's Content-Length already says the body is larger than the limit (plus a
  small allowance for the other form fields), the file is refused at its first byte.
* Otherwise the bytes are counted as they arrive and the file is refused as soon as the
  count passes the limit (a lying or missing Content-Length changes nothing).

After a refusal the rest of the body is read and thrown away (nothing kept), so a browser
that is still sending gets the friendly error page instead of a reset connection. Bodies
above ``DRAIN_MAX_BYTES`` are not even drained: the connection is dropped.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from pencaker.documents.checks import max_upload_bytes

FORM_FIELDS_ALLOWANCE = 64 * 1024
DRAIN_MAX_BYTES = 64 * 1024 * 1024


class UploadLimitHandler(FileUploadHandler):
    def __init__(self, request: Any = None, *, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = limit if limit is not None else max_upload_bytes()
        self.request_length: int | None = None
        self.received = 0
        #: Set when a file was refused: the best known size of what was sent.
        self.too_large_bytes: int | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.request_length and self.request_length > self.limit + FORM_FIELDS_ALLOWANCE:
            self._refuse(self.request_length)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse(max(self.received, self.request_length or 0))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def _refuse(self, size: int) -> None:
        self.too_large_bytes = size
        raise StopUpload(connection_reset=bool(size > DRAIN_MAX_BYTES))


def install_upload_limit(request: Any) -> UploadLimitHandler:
    """Put the limit first in the request's upload handlers and return it."""
    handler = UploadLimitHandler(request)
    request.upload_handlers.insert(0, handler)
    return handler
