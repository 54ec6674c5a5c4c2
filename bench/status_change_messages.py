"""The time of a status-change request with the messenger on, against the same request with messages off. Run by hand:

    .venv/bin/python bench/status_change_messages.py [--requests 40]

Builds its own throwaway SQLite database (or uses the empty PostgreSQL database in BENCH_DATABASE_URL). An
operator records SIAK entry on walk-in applications through the review page (a real POST through the middleware,
the transition, the timeline, the audit log). Three ways, interleaved round by round so the shared machine's noise
falls on all alike:
- off: no notifier (APPLICATION_NOTIFIERS = []), so nothing is written or sent;
- queue: the messenger as production runs it: one task row is written after commit; the database worker (not
  running during the requests) renders, logs and sends later;
- inline: for contrast, the send inside the request (the immediate backend) to a local SMTP server that takes
  0.2 s to answer, as a slow mail server did before the queue.
Prints the median and 90th percentile per way and the ratios against "off"; never asserts.
"""

import argparse
import asyncio
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="portal-bench-")
# BENCH_DATABASE_URL names a throwaway PostgreSQL database instead (it is migrated and filled; use an empty one).
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["DJANGO_DEBUG"] = "false"
os.environ["STAFF_MFA_REQUIRED"] = "false"  # measure the status change, not the second factor

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from forms.constants import StaffRole  # noqa: E402
from forms.messaging.models import Message  # noqa: E402
from forms.models import StaffProfile  # noqa: E402
from forms.review.counter import application_record_at_counter  # noqa: E402
from services.models import Kecamatan, ServiceStandardPage  # noqa: E402

SLOW_SMTP_SECONDS = 0.2
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class SlowSmtp:
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SLOW_SMTP_SECONDS)
        return "250 OK"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _walk_in(operator):
    service = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    variant = next(block.value for block in service.variants if block.value["code"] == "baru")
    return application_record_at_counter(
        service=service,
        variant_code="baru",
        by=operator,
        applicant_name="Budi Santoso",
        nik="6471052708900001",
        kk_number="6471051203150002",
        mobile="+6281234567890",
        contact_email="budi@example.org",
        documents_seen=list(variant["requirements"]),
    )


def _enter_siak(client, application):
    started = time.perf_counter()
    response = client.post(
        f"/admin/permohonan/review/{application.pk}/",
        {"action": "enter_siak", "expected_status": "accepted", "siak_reference": f"S-{application.pk}"},
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.status_code
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40, help="requests per way")
    args = parser.parse_args()
    print(f"Building the database in {_tmp} ...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_seed_content", verbosity=0)
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    operator = get_user_model().objects.create_user("op.bench", "op.bench@example.org", "x", is_staff=True)
    operator.groups.add(Group.objects.get(name=StaffRole.OPERATOR))
    StaffProfile.objects.create(user=operator, kecamatan=kota)
    ways = ("off", "queue", "inline")
    with override_settings(APPLICATION_NOTIFIERS=[]):
        applications = {way: [_walk_in(operator) for _ in range(args.requests + 2)] for way in ways}
    port = _free_port()
    smtp = Controller(SlowSmtp(), hostname="127.0.0.1", port=port)
    smtp.start()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(operator)
    settings_for = {
        "off": {"APPLICATION_NOTIFIERS": [], "TASKS": DATABASE_QUEUE},
        "queue": {"TASKS": DATABASE_QUEUE},
        "inline": {
            "TASKS": IMMEDIATE,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": port,
        },
    }
    times = {way: [] for way in ways}
    try:
        for round_number in range(args.requests + 2):
            for way in ways:
                with override_settings(**settings_for[way]):
                    elapsed = _enter_siak(client, applications[way][round_number])
                if round_number >= 2:  # the first rounds warm caches and templates
                    times[way].append(elapsed)
    finally:
        smtp.stop()
    queued = Message.objects.filter(status="queued").count()
    tasks = DBTaskResult.objects.filter(task_path__startswith="forms.").count()
    print(f"{args.requests} requests per way; {queued} messages left queued for the worker, {tasks} tasks enqueued")
    off = statistics.median(times["off"])
    for way in ways:
        median = statistics.median(times[way])
        p90 = statistics.quantiles(times[way], n=10)[-1]
        print(f"{way:7s} median {median * 1000:7.1f} ms  p90 {p90 * 1000:7.1f} ms  ratio to off {median / off:5.2f}")


if __name__ == "__main__":
    main()
