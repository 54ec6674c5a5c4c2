"""The report's complaints section equals what a direct count of the records gives, on a generated data set."""

import datetime
import math
import random
import statistics
from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from forms.complaints.constants import ComplaintCategory, ComplaintChannel, ComplaintStatus
from forms.complaints.models import Complaint
from forms.complaints.report_sections import complaints_section
from forms.complaints.services import (
    complaint_close,
    complaint_record,
    complaint_respond,
    complaint_start,
    complaints_escalate_overdue,
)
from forms.office.clock import working_minutes_between
from forms.office.report_sections import _SECTIONS, ReportScope, report_sections
from services.models import Kecamatan, ServiceStandardPage

from .helpers import new_complaint, wita

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(staff):
    """Sixty complaints over seven weeks, through the real services: filed, recorded, escalated, answered, closed."""
    rng = random.Random(70)
    places = list(Kecamatan.objects.values_list("name", flat=True))
    standards = [*ServiceStandardPage.objects.live(), None]
    staff_channels = [value for value in ComplaintChannel.values if value != ComplaintChannel.WEB_FORM]
    for _ in range(60):
        filed = wita(2026, 8, 3, 7, 0) + datetime.timedelta(minutes=rng.randrange(0, 49 * 24 * 60, 7))
        category = rng.choice(ComplaintCategory.values)
        place, service = rng.choice(places), rng.choice(standards)
        if rng.random() < 0.6:
            complaint = new_complaint(filed, place=place, category=category, service=service)
        else:
            with time_machine.travel(filed, tick=False):
                complaint = complaint_record(
                    by=staff["head_of_office"],
                    channel=rng.choice(staff_channels),
                    received_at=filed - datetime.timedelta(hours=rng.randint(0, 30)),
                    category=category,
                    kecamatan=Kecamatan.objects.get(name=place),
                    service=service,
                    message="Dicatat dari saluran lain.",
                    nik="6471065208900003",
                )
        outcome = rng.random()
        answered_at = filed + datetime.timedelta(minutes=rng.randint(20, 9 * 24 * 60))
        with time_machine.travel(answered_at, tick=False):
            complaints_escalate_overdue(now=answered_at)  # cron ran in between
            if outcome < 0.65:
                complaint_respond(complaint=complaint, by=staff["head_of_office"], response="Jawaban.")
                if rng.random() < 0.5:
                    complaint_close(complaint=complaint, by=staff["head_of_office"])
            elif outcome < 0.8:
                complaint_start(complaint=complaint, by=staff["head_of_office"])
    return Complaint.objects.all()


def _rows(table):
    return {row[0]: row[1] for row in table.rows}


def _expected(scope, now):
    start, end = scope.start, scope.end
    chosen = [
        c
        for c in Complaint.objects.all()
        if start <= timezone.localtime(c.received_at).date() <= end
        and (scope.service_id is None or c.service_id == scope.service_id)
        and (scope.kecamatan_id is None or c.kecamatan_id == scope.kecamatan_id)
    ]
    hours = sorted(
        round(working_minutes_between(c.received_at, c.first_response_at) / 60, 1)
        for c in chosen
        if c.first_response_at
    )
    known = [c for c in chosen if c.first_response_at or c.escalation_due_at < now]
    on_time = [c for c in known if c.first_response_at and c.first_response_at <= c.escalation_due_at]
    return {
        "chosen": chosen,
        "category": Counter(c.category for c in chosen),
        "channel": Counter(c.channel for c in chosen),
        "status": Counter(c.status for c in chosen),
        "answered": len(hours),
        "escalated": sum(1 for c in chosen if c.escalated_at),
        "median": round(statistics.median(hours), 1) if hours else None,
        "p90": hours[math.ceil(0.9 * len(hours)) - 1] if hours else None,
        "on_time": len(on_time),
        "known": len(known),
        "share": round(100 * len(on_time) / len(known), 1) if known else None,
    }


def _scopes():
    kota = Kecamatan.objects.get(name="Balikpapan Kota").pk
    ktp = ServiceStandardPage.objects.get(slug="cetak-ktp-el").pk
    period = (datetime.date(2026, 8, 10), datetime.date(2026, 9, 10))
    return [
        ReportScope(*period),
        ReportScope(*period, kecamatan_id=kota),
        ReportScope(*period, service_id=ktp),
        ReportScope(datetime.date(2026, 8, 1), datetime.date(2026, 9, 30), service_id=ktp, kecamatan_id=kota),
    ]


def test_section_numbers_equal_direct_counts_of_the_records(generated):
    statuses = Counter(generated.values_list("status", flat=True))
    assert all(statuses[s] for s in ComplaintStatus.values)  # the data set covers every status
    assert generated.filter(escalated_at__isnull=False).exists() and generated.filter(tier="leadership").exists()
    for scope in _scopes():
        section = complaints_section(scope)
        expected = _expected(scope, timezone.now())
        by_category, by_channel, by_status, times = section.tables
        total = len(expected["chosen"])
        assert _rows(by_category) == {
            **{str(label): expected["category"][value] for value, label in ComplaintCategory.choices},
            "Jumlah": total,
        }, scope
        assert _rows(by_channel) == {
            **{str(label): expected["channel"][value] for value, label in ComplaintChannel.choices},
            "Jumlah": total,
        }, scope
        assert _rows(by_status) == {
            **{str(label): expected["status"][value] for value, label in ComplaintStatus.choices},
            "Jumlah": total,
        }, scope
        values = [row[1] for row in times.rows]
        assert values == [
            total,
            expected["answered"],
            expected["escalated"],
            expected["median"],
            expected["p90"],
            expected["on_time"],
            expected["share"],
        ], scope
        assert f"(dari {expected['known']} yang sudah dijawab" in times.rows[5][0]
        assert section.charts[0].bars == [(str(label), expected["channel"][v]) for v, label in ComplaintChannel.choices]
    assert len(_expected(_scopes()[0], timezone.now())["chosen"]) > 20  # the main scope is not trivially small


def test_the_stored_response_time_is_the_clocks_working_time(generated):
    for complaint in generated.filter(first_response_at__isnull=False):
        expected = working_minutes_between(complaint.received_at, complaint.first_response_at)
        assert complaint.first_response_working_minutes == expected


def test_an_empty_period_gives_zeros_and_no_averages(staff):
    section = complaints_section(ReportScope(datetime.date(2030, 1, 1), datetime.date(2030, 1, 31)))
    assert [row[1] for row in section.tables[3].rows] == [0, 0, 0, None, None, 0, None]


def test_the_section_is_registered_at_order_70_and_in_the_report(staff):
    assert (70, complaints_section) in _SECTIONS
    keys = [s.key for s in report_sections(ReportScope(datetime.date(2026, 8, 1), datetime.date(2026, 8, 31)))]
    assert "complaints" in keys
