"""The report's IKD section equals direct counts of a generated set of bookings, for every scope."""

import datetime
import random

import pytest

from forms.models import Application
from forms.office.report_sections import _SECTIONS, ReportScope, report_sections
from forms.visits.constants import NotCompletedReason, VisitStatus
from forms.visits.models import VisitBooking
from forms.visits.report_sections import ikd_visits_section, visit_outcome_counts
from services.models import Kecamatan

from ..helpers import lost_card_form
from .conftest import WITA, at, d, ikd_page

pytestmark = pytest.mark.django_db
TODAY = d(2026, 8, 20)
DAYS = [d(2026, 8, 3) + datetime.timedelta(days=i) for i in range(28)]


@pytest.fixture
def generated(seeded):
    """About 300 bookings over four weeks, six offices and every outcome; a few on another service's form."""
    rng = random.Random(20260820)
    offices = list(Kecamatan.objects.all())
    pages = {"ikd": ikd_page(), "ktp": lost_card_form()}
    numbers, rows = {}, []
    for i in range(300):
        kind = "ktp" if i % 25 == 0 else "ikd"
        kecamatan, day = rng.choice(offices), rng.choice(DAYS)
        status = rng.choice(list(VisitStatus))
        if day > TODAY and status != VisitStatus.WAITING:
            status = VisitStatus.WAITING
        reason = rng.choice(list(NotCompletedReason)) if status == VisitStatus.NOT_COMPLETED else ""
        page = pages[kind]
        application = Application.objects.create(
            page=page,
            form_data={},
            tracking_number=f"GEN-2026-{i:06d}",
            service=page.service,
            processing="visit",
            kecamatan=kecamatan,
        )
        numbers[(kecamatan.pk, day)] = number = numbers.get((kecamatan.pk, day), 0) + 1
        rows.append(
            VisitBooking(
                application=application,
                kecamatan=kecamatan,
                date=day,
                number=number,
                queue_code=f"X-{number:03d}",
                status=status,
                reason=reason,
                booked_at=datetime.datetime(2026, 8, 1, tzinfo=WITA),
            )
        )
    VisitBooking.objects.bulk_create(rows)
    return {"rows": rows, "pages": pages, "offices": offices}


def _expected(rows, *, start, end, kecamatan_id=None, service_id=None):
    """The same numbers by plain Python over the generated rows."""
    out = {}
    for b in rows:
        if not (start <= b.date <= end):
            continue
        if kecamatan_id and b.kecamatan_id != kecamatan_id:
            continue
        if service_id and b.application.service_id != service_id:
            continue
        c = out.setdefault(
            b.kecamatan_id,
            {"booked": 0, "activated": 0, "not_completed": 0, "no_show": 0, "open": 0}
            | {r.value: 0 for r in NotCompletedReason if r != NotCompletedReason.NO_SHOW},
        )
        c["booked"] += 1
        if b.status == VisitStatus.ACTIVATED:
            c["activated"] += 1
        elif b.status == VisitStatus.NOT_COMPLETED and b.reason == NotCompletedReason.NO_SHOW:
            c["no_show"] += 1
        elif b.status == VisitStatus.NOT_COMPLETED:
            c["not_completed"] += 1
            c[b.reason] += 1
        elif b.status == VisitStatus.WAITING and b.date < TODAY:
            c["no_show"] += 1
        else:
            c["open"] += 1
    return out


@pytest.mark.parametrize(
    "scope_kwargs",
    [
        {"start": d(2026, 8, 1), "end": d(2026, 8, 31)},
        {"start": d(2026, 8, 10), "end": d(2026, 8, 20)},
        {"start": d(2026, 8, 3), "end": d(2026, 8, 3)},
        {"start": d(2026, 8, 1), "end": d(2026, 8, 31), "kecamatan": "Balikpapan Utara"},
        {"start": d(2026, 8, 1), "end": d(2026, 8, 31), "service": "ikd"},
        {"start": d(2026, 8, 1), "end": d(2026, 8, 31), "service": "ktp"},
    ],
)
def test_section_counts_equal_direct_counts(generated, scope_kwargs):
    kwargs = dict(scope_kwargs)
    kecamatan_id = Kecamatan.objects.get(name=kwargs.pop("kecamatan")).pk if "kecamatan" in kwargs else None
    service_id = generated["pages"][kwargs.pop("service")].service.pk if "service" in kwargs else None
    scope = ReportScope(**kwargs, kecamatan_id=kecamatan_id, service_id=service_id)
    expected = _expected(generated["rows"], **kwargs, kecamatan_id=kecamatan_id, service_id=service_id)
    with at(datetime.datetime(2026, 8, 20, 12, 0, tzinfo=WITA)):
        assert visit_outcome_counts(scope) == expected
        section = ikd_visits_section(scope)
    outcomes, by_reason = section.tables
    offices = Kecamatan.objects.order_by("name")
    if kecamatan_id:
        offices = offices.filter(pk=kecamatan_id)
    zero = {"booked": 0, "activated": 0, "not_completed": 0, "no_show": 0, "open": 0}
    for row, kecamatan in zip(outcomes.rows, offices, strict=False):
        counts = expected.get(kecamatan.pk, zero)
        assert row == [
            kecamatan.name,
            *(counts[k] for k in ("booked", "activated", "not_completed", "no_show", "open")),
        ]
        assert row[1] == sum(row[2:])  # every booking ends in exactly one column
    total = outcomes.rows[-1]
    assert total[0] == "Jumlah" and total[1] == sum(c["booked"] for c in expected.values())
    reasons = [r.value for r in NotCompletedReason if r != NotCompletedReason.NO_SHOW]
    assert by_reason.rows[-1][1:] == [sum(c.get(r, 0) for c in expected.values()) for r in reasons]
    assert section.charts[0].bars == [(o.name, float(expected.get(o.pk, zero)["activated"])) for o in offices]


def test_section_is_registered_sixtieth_in_the_report(seeded):
    scope = ReportScope(start=d(2026, 8, 1), end=d(2026, 8, 31))
    section = next(s for s in report_sections(scope) if s.key == "ikd_visits")
    assert section.title == "Kunjungan aktivasi IKD"
    assert section.tables[0].columns == [
        "Kecamatan",
        "Dipesan",
        "IKD diaktifkan",
        "Tidak selesai",
        "Tidak hadir",
        "Masih berjalan",
    ]

    assert (60, ikd_visits_section) in _SECTIONS
