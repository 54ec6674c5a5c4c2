"""The queue as production runs it (the database backend, drained by django-tasks-db's own worker) and local
stand-ins for the providers that lie outside this machine, checking requests as the providers document them."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.test import TestCase
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from forms.messaging.preferences import channel_preference_update
from tests.forms.conftest import make_citizen

GRAPH_VERSION = "v23.0"
PHONE_NUMBER_ID = "109876543210"
WHATSAPP_TOKEN = "test-whatsapp-token"  # a test stand-in, never a real credential
TWILIO_SID = "AC00000000000000000000000000000000"
TWILIO_TOKEN = "test-twilio-token"


def drain() -> int:
    """Run every task that is due, as `manage.py db_worker --batch` does, in this process.

    The worker's own claim and run steps, without its loop: the loop closes the database connection between
    tasks, which would end the test's transaction.
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with exclusive_transaction():
            task_result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if task_result is not None:
                task_result.claim(worker.worker_id)
        if task_result is None:
            return ran
        # A worker runs in autocommit, so what a task sends after commit is sent at once; here, inside the test's
        # transaction, the task's on-commit callbacks are run as the real commit would.
        with TestCase.captureOnCommitCallbacks(execute=True):
            worker.run_task(task_result)
        ran += 1


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    return drain


class ProviderStub:
    """A local HTTP server: each request is checked by ``check`` and answered from ``answers`` in turn."""

    def __init__(self, check):
        self.requests = []
        self.answers = []
        self.check = check
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode()
                request = {"path": self.path, "headers": dict(self.headers), "body": body}
                problem = stub.check(request)
                stub.requests.append(request)
                status, payload = (400, {"error": {"message": problem, "code": 100}}) if problem else stub.answer()
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self):
        return self.answers.pop(0) if self.answers else self.default_answer

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def check_whatsapp_request(request) -> str:
    """Meta's Cloud API: POST /{version}/{phone-number-id}/messages, Bearer token, a template message in JSON."""
    if request["path"] != f"/{GRAPH_VERSION}/{PHONE_NUMBER_ID}/messages":
        return f"unknown path {request['path']}"
    if request["headers"].get("Authorization") != f"Bearer {WHATSAPP_TOKEN}":
        return "bad token"
    if not request["headers"].get("Content-Type", "").startswith("application/json"):
        return "not JSON"
    payload = json.loads(request["body"])
    template = payload.get("template", {})
    if payload.get("messaging_product") != "whatsapp" or payload.get("type") != "template":
        return "not a template message"
    if not payload.get("to", "").isdigit():
        return "to must be digits in international form"
    if not template.get("name") or template.get("language", {}).get("code") not in ("id", "en"):
        return "template name and language required"
    for component in template.get("components", []):
        if component.get("type") != "body" or not all(p.get("type") == "text" for p in component["parameters"]):
            return "bad component"
    return ""


@pytest.fixture
def whatsapp_api(settings):
    stub = ProviderStub(check_whatsapp_request)
    stub.default_answer = (200, {"messaging_product": "whatsapp", "messages": [{"id": "wamid.TEST123"}]})
    settings.WHATSAPP_API_BASE = stub.url
    settings.WHATSAPP_API_VERSION = GRAPH_VERSION
    settings.WHATSAPP_PHONE_NUMBER_ID = PHONE_NUMBER_ID
    settings.WHATSAPP_ACCESS_TOKEN = WHATSAPP_TOKEN
    yield stub
    stub.close()


def check_twilio_request(request) -> str:
    """Twilio's Messages resource: form-encoded To, From, Body; account SID and token as Basic credentials."""
    if request["path"] != f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json":
        return f"unknown path {request['path']}"
    expected = "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    if request["headers"].get("Authorization") != expected:
        return "bad credentials"
    form = parse_qs(request["body"])
    if not (form.get("To") and form.get("From") and form.get("Body")):
        return "To, From and Body are required"
    return ""


@pytest.fixture
def sms_api(settings):
    stub = ProviderStub(check_twilio_request)
    stub.default_answer = (201, {"sid": "SM00000000000000000000000000000001", "status": "queued"})
    settings.SMS_PROVIDER = "twilio"
    settings.SMS_FROM = "+15005550006"
    settings.SMS_TWILIO_API_BASE = stub.url
    settings.SMS_TWILIO_ACCOUNT_SID = TWILIO_SID
    settings.SMS_TWILIO_AUTH_TOKEN = TWILIO_TOKEN
    yield stub
    stub.close()


@pytest.fixture
def whatsapp_citizen(seeded):
    """A citizen who chose e-mail and WhatsApp."""
    user = make_citizen("wati@example.org", "Wati Rahayu", mobile="+6281298765432")
    channel_preference_update(user=user, email=True, whatsapp=True, sms=False)
    return user
