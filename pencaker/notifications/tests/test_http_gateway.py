"""The HTTP gateway adapter against a local provider the test starts (http.server)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from pencaker.notifications.gateways import GatewayError, HttpGateway
from pencaker.notifications.models import DeliveryStatus
from pencaker.notifications.services import notification_deliver, notification_queue


class _Provider(BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 200

    def do_POST(self):  # noqa: N802 (http.server's name)
        length = int(self.headers.get("Content-Length", 0))
        _Provider.received.append(
            {
                "path": self.path,
                "auth": self.headers.get("Authorization"),
                "body": json.loads(self.rfile.read(length)),
            }
        )
        self.send_response(_Provider.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"status": True, "data": {"id": "msg-77"}}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def provider(settings):
    _Provider.received = []
    _Provider.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PENCAKER_SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/api/send"
    settings.PENCAKER_SMS_HTTP_TOKEN = "rahasia-token"  # noqa: S105
    settings.PENCAKER_SMS_HTTP_TEMPLATE = (
        '{"target": "$to", "message": "$text", "type": "$channel", "sender": "DISNAKER"}'
    )
    yield _Provider
    server.shutdown()
    server.server_close()


def test_posts_the_message_with_token_and_template(provider):
    text = 'Kode Anda 123456. "Jangan" dibagikan\nke siapa pun'
    message_id = HttpGateway().send(channel="whatsapp", to="+6281322223333", text=text)
    assert message_id == "msg-77"
    [request] = provider.received
    assert request["path"] == "/api/send"
    assert request["auth"] == "Bearer rahasia-token"
    assert request["body"] == {
        "target": "+6281322223333",
        "message": text,
        "type": "whatsapp",
        "sender": "DISNAKER",
    }


def test_provider_refusal_is_a_gateway_error(provider):
    provider.status = 500
    with pytest.raises(GatewayError):
        HttpGateway().send(channel="sms", to="+6281322223333", text="x")


def test_unreachable_provider_is_a_gateway_error(settings):
    settings.PENCAKER_SMS_HTTP_URL = "http://127.0.0.1:9/none"
    settings.PENCAKER_SMS_HTTP_TIMEOUT_SECONDS = 2
    with pytest.raises(GatewayError):
        HttpGateway().send(channel="sms", to="+6281322223333", text="x")


@pytest.mark.django_db
def test_outbox_delivers_the_code_through_the_http_gateway(provider, settings):
    settings.PENCAKER_SMS_GATEWAY = "pencaker.notifications.gateways.HttpGateway"
    notification = notification_queue(
        channel="sms", recipient="+6281322223333", kind="test", body="Kode Anda 654321"
    )
    delivered = notification_deliver(notification_id=notification.pk)
    assert delivered.status == DeliveryStatus.SENT
    assert "654321" in provider.received[0]["body"]["message"]


@pytest.mark.django_db
def test_outbox_retries_when_the_provider_refuses(provider, settings):
    settings.PENCAKER_SMS_GATEWAY = "pencaker.notifications.gateways.HttpGateway"
    provider.status = 503
    notification = notification_queue(
        channel="sms", recipient="+6281322223333", kind="test", body="Kode Anda 654321"
    )
    delivered = notification_deliver(notification_id=notification.pk)
    assert delivered.status == DeliveryStatus.PENDING
    assert "503" in delivered.last_error
