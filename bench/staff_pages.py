"""Throughput and query counts of the staff's busiest screens, at today's volume and at a year's. Run by hand:

    .venv/bin/python bench/staff_pages.py [--seconds 2]

Builds its own throwaway SQLite database in a temporary folder (the development database is not touched),
fills it through the portal's own services, then grows it in bulk. Prints ratios against /healthz, never asserts.
"""

import argparse
import datetime
import os
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
_tmp = tempfile.mkdtemp(prefix="portal-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["DJANGO_DEBUG"] = "false"
os.environ["STAFF_MFA_REQUIRED"] = "false"  # measure the screens, not the second factor

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.measure import count_queries, throughput  # noqa: E402
from forms.constants import ApplicationStatus, StaffRole  # noqa: E402
from forms.dispatch.constants import LedgerKind  # noqa: E402
from forms.dispatch.models import BlankLedgerEntry  # noqa: E402
from forms.dispatch.serials import SerialRange  # noqa: E402
from forms.dispatch.services import blanks_receive  # noqa: E402
from forms.models import Application, StaffProfile  # noqa: E402
from forms.review.counter import application_record_at_counter  # noqa: E402
from forms.review.transitions import application_transition  # noqa: E402
from services.models import Kecamatan, ServiceStandardPage  # noqa: E402

BASELINE = "/healthz"
# (approved cards waiting in Balikpapan Kota's print queue, lines in its blank-card book)
SIZES = [(20, 500), (400, 20_000)]  # a busy day's queue; about a year of one office's book at 300-400 cards a day


def _staff(username, role, kecamatan=None):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if kecamatan:
        StaffProfile.objects.create(user=user, kecamatan=kecamatan)
    return user


def _approved_card(operator, verifier):
    service = ServiceStandardPage.objects.get(slug="cetak-ktp-el")
    variant = next(block.value for block in service.variants if block.value["code"] == "baru")
    application = application_record_at_counter(
        service=service,
        variant_code="baru",
        by=operator,
        applicant_name="Budi Santoso",
        nik="6471052708900001",
        kk_number="6471051203150002",
        documents_seen=list(variant["requirements"]),
    )
    application = application_transition(
        application=application, action="enter_siak", by=operator, expected_status="accepted", siak_reference="S-1"
    )
    return application_transition(
        application=application, action="approve_print", by=verifier, expected_status="siak_entered"
    )


def _grow_queue(template, target):
    """Copies of one approved card until the queue holds `target`."""
    have = Application.objects.filter(status=ApplicationStatus.PRINT_APPROVED).count()
    copies = []
    for n in range(have, target):
        copy = Application.objects.get(pk=template.pk)
        copy.pk = None
        copy.tracking_number = f"KTP-2026-B{n:06d}"
        copy.submission_token = uuid.uuid4()
        copies.append(copy)
    Application.objects.bulk_create(copies, batch_size=500)


def _grow_book(kecamatan, operator, target):
    """Receipts chained onto the book, each hashed as the model does, until it has `target` lines."""
    last = BlankLedgerEntry.objects.filter(kecamatan=kecamatan).order_by("-sequence").first()
    sequence, previous_hash = (last.sequence, last.entry_hash) if last else (0, "")
    entries = []
    now = timezone.now()
    while sequence < target:
        sequence += 1
        entry = BlankLedgerEntry(
            kecamatan=kecamatan,
            sequence=sequence,
            kind=LedgerKind.RECEIVED,
            quantity=1,
            shipment_date=now.date(),
            sender="Disdukcapil Kota Balikpapan",
            recorded_by=operator,
            recorded_at=now,
            previous_hash=previous_hash,
        )
        entry.entry_hash = entry.compute_hash()
        previous_hash = entry.entry_hash
        entries.append(entry)
    BlankLedgerEntry.objects.bulk_create(entries, batch_size=1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    print(f"Building the database in {_tmp} ...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_seed_content", verbosity=0)
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    operator = _staff("op.bench", StaffRole.OPERATOR, kota)
    verifier = _staff("verif.bench", StaffRole.VERIFIER)
    head = _staff("kadis.bench", StaffRole.HEAD_OF_OFFICE)
    blanks_receive(
        kecamatan=kota,
        by=operator,
        serial_ranges=[SerialRange(prefix="", first=1, last=2000, width=7)],
        shipment_date=datetime.date.today(),
        sender="Disdukcapil",
    )
    template = _approved_card(operator, verifier)
    as_operator, as_head, anonymous = (Client(HTTP_HOST="127.0.0.1") for _ in range(3))
    as_operator.force_login(operator)
    as_head.force_login(head)
    pages = [
        (as_operator, "/admin/", "operator"),
        (as_operator, "/admin/permohonan/", "operator"),
        (as_operator, f"/admin/cetak/{kota.pk}/", "operator"),
        (as_operator, f"/admin/cetak/{kota.pk}/blanko/", "operator"),
        (as_head, "/admin/", "head of office"),
        (as_head, "/admin/cetak/", "head of office"),
        (as_head, "/admin/laporan/", "head of office"),
    ]
    base = throughput(anonymous, BASELINE, args.seconds)
    for queue, book in SIZES:
        _grow_queue(template, queue)
        _grow_book(kota, operator, book)
        print(f"\n{queue} cards in the print queue, {book} lines in the book")
        print(f"{'page':<32} {'as':<15} {'req/s':>7} {'vs /healthz':>11} {'queries':>8} {'KiB':>6}")
        print(f"{BASELINE:<32} {'anyone':<15} {base:7.0f} {1:11.2f}")
        for client, path, who in pages:
            response, queries = count_queries(client, path)
            rate = throughput(client, path, args.seconds)
            print(
                f"{path:<32} {who:<15} {rate:7.1f} {rate / base:11.3f} {queries:8d} {len(response.content) / 1024:6.1f}"
            )


if __name__ == "__main__":
    main()
