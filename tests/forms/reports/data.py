"""Applications with known histories at known times, written straight to the database for the report's tests."""

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from forms.constants import TRANSITIONS, TRANSITIONS_BY_ACTION, ApplicationStatus, Channel, Processing
from forms.dispatch.models import BlankLedgerEntry
from forms.intake.report_times import report_times_fill
from forms.intake.step_time import step_minutes_fill
from forms.models import Application, ApplicationFormPage, ReturnReason, StatusChange
from forms.office.clock import due_at

S = ApplicationStatus
WITA = ZoneInfo("Asia/Makassar")
# Distinct capital first letters, so Python's sort and any database collation agree on ties.
REQUIREMENTS = [
    "Akta kelahiran",
    "Buku nikah",
    "Cap dan tanda tangan",
    "Dokumen KK terbaru",
    "Email aktif",
    "Fotocopy Kartu Keluarga",
    "Golongan darah",
    "Hasil rekam biometrik",
    "Identitas pemohon",
    "Jenis kelamin",
    "KTP-el yang rusak",
    "Lampiran surat kehilangan",
    "Materai",
]
REQUIREMENT_WEIGHTS = [13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]


def wita(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=WITA)


@dataclass
class Plan:
    """One application as the test means it: where, how, and every status change with its time."""

    page: ApplicationFormPage
    kecamatan_id: int | None
    channel: str
    processing: str
    submitted_at: datetime
    changes: list = field(default_factory=list)  # (from, to, sop_step, at, [requirements])
    due: datetime | None = None
    application: Application | None = None

    @property
    def status(self):
        return self.changes[-1][1]

    @property
    def service_id(self):
        if self.page.pk not in _SERVICE_OF_PAGE:
            _SERVICE_OF_PAGE[self.page.pk] = self.page.get_parent().pk
        return _SERVICE_OF_PAGE[self.page.pk]


_SERVICE_OF_PAGE: dict[int, int] = {}  # a form page stays under its service for the whole test session


def plan(page, kecamatan_id, submitted_at, steps=(), *, channel=Channel.ONLINE, processing=None) -> Plan:
    """Walk `steps` ((action or "resubmit", at[, reasons])) from submission, as the services would record them."""
    made = Plan(page, kecamatan_id, channel, processing or page.processing, submitted_at)
    made.changes.append(("", S.SUBMITTED, None, submitted_at, []))
    made.due = due_at(submitted_at)
    for step in steps:
        action, at, reasons = (*step, [])[:3]
        if action == "resubmit":
            assert made.status == S.RETURNED
            made.changes.append((S.RETURNED, S.SUBMITTED, None, at, []))
            made.due = due_at(at)
            continue
        transition = TRANSITIONS_BY_ACTION[action]
        assert made.status in transition.sources and made.processing in transition.tracks, (action, made.status)
        sop_step = transition.sop_steps[-1] if transition.sop_steps else None
        made.changes.append((made.status, transition.target, sop_step, at, list(reasons)))
    return made


def plans_create(plans: list[Plan]) -> list[Plan]:
    """Insert the applications, their history and reasons in bulk, then set the recorded times exactly and count each
    step's minutes from them."""
    applications = [
        Application(
            page=item.page,
            form_data={},
            tracking_number=f"T{uuid.uuid4().hex[:20].upper()}",
            service_id=item.service_id,
            service_title="Layanan uji",
            variant_code=item.page.variant_code,
            variant_name=item.page.title,
            processing=item.processing,
            channel=item.channel,
            kecamatan_id=item.kecamatan_id,
            status=item.status,
            due_at=item.due,
        )
        for item in plans
    ]
    Application.objects.bulk_create(applications)
    changes, reasons = [], []
    for item, application in zip(plans, applications, strict=True):
        item.application = application
        application.submit_time = item.submitted_at
        for from_status, to_status, sop_step, at, requirements in item.changes:
            change = StatusChange(
                application=application, from_status=from_status, to_status=to_status, sop_step=sop_step
            )
            change.planned_at = at
            change.planned_reasons = requirements
            changes.append(change)
    Application.objects.bulk_update(applications, ["submit_time"])
    StatusChange.objects.bulk_create(changes)
    for change in changes:
        change.at = change.planned_at
        reasons.extend(
            ReturnReason(status_change=change, field_name=f"f{i}", requirement=requirement, reason="Tidak sesuai.")
            for i, requirement in enumerate(change.planned_reasons)
        )
    StatusChange.objects.bulk_update(changes, ["at"])
    # Each step's minutes, as status_change_record keeps them, now that the recorded times are the planned ones.
    step_minutes_fill(StatusChange.objects.filter(application__in=applications))
    # And the clock stop and return counts it keeps on the application.
    report_times_fill(after=min((application.pk for application in applications), default=1) - 1)
    ReturnReason.objects.bulk_create(reasons)
    return plans


def _gap(rng: random.Random) -> timedelta:
    roll = rng.random()
    if roll < 0.7:
        return timedelta(minutes=rng.randint(1, 12), seconds=rng.randint(0, 59))
    if roll < 0.9:
        return timedelta(minutes=rng.randint(15, 240))
    return timedelta(days=rng.randint(1, 4), minutes=rng.randint(0, 600))


def random_plans(rng: random.Random, count: int, *, pages, kecamatan_ids, first: datetime, days: int) -> list[Plan]:
    """`count` applications submitted over `days` days from `first`, each walked at random through TRANSITIONS."""
    plans = []
    for _ in range(count):
        page = rng.choice(pages)
        processing = page.processing
        if processing == Processing.CARD and rng.random() < 0.25:
            processing = Processing.DIGITAL  # the SOP's certification steps need some digital documents
        hour = rng.choice([7, 8, 9, 10, 11, 12, 13, 13, 14, 15, 15, 16, 20])
        submitted = first + timedelta(days=rng.randrange(days), hours=hour, minutes=rng.randrange(60))
        steps, status, at = [], S.SUBMITTED, submitted
        for _step in range(12):
            if rng.random() < 0.1:
                break
            at = at + _gap(rng)
            if status == S.RETURNED:
                choice = rng.choices(["resubmit", "reject", None], [0.75, 0.05, 0.2])[0]
                if choice is None:
                    break
                steps.append((choice, at))
                status = S.SUBMITTED if choice == "resubmit" else S.REJECTED
                continue
            options = [t for t in TRANSITIONS if status in t.sources and processing in t.tracks]
            if not options:
                break
            weights = [0.05 if t.action == "reject" else 0.35 if t.action == "return" else 1.0 for t in options]
            transition = rng.choices(options, weights)[0]
            reasons = []
            if transition.needs_reasons:
                reasons = sorted(set(rng.choices(REQUIREMENTS, REQUIREMENT_WEIGHTS, k=rng.randint(1, 3))))
            steps.append((transition.action, at, reasons))
            status = transition.target
        plans.append(
            plan(
                page,
                rng.choice(kecamatan_ids),
                submitted,
                steps,
                channel=rng.choice([Channel.ONLINE, Channel.COUNTER]),
                processing=processing,
            )
        )
    return plans


def ledger_line(*, kecamatan, sequence, kind, quantity, at, by, **extra) -> BlankLedgerEntry:
    """One book line recorded at `at` (recorded_at is set by the database clock, so the clock is moved)."""
    with time_machine.travel(at, tick=False):
        return BlankLedgerEntry.objects.create(
            kecamatan=kecamatan, sequence=sequence, kind=kind, quantity=quantity, recorded_by=by, **extra
        )
