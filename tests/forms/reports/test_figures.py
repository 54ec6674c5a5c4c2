"""Every figure of the report equals a count taken straight from a seeded random data set of known records."""

import math
import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forms.constants import TRANSITIONS, ApplicationStatus, Channel
from forms.dispatch.models import LedgerKind
from forms.models import Application, ReturnReason, StatusChange
from forms.office.clock import working_minutes_between
from forms.office.report_sections import ReportScope, report_sections, share_percent

from .conftest import REPORT, as_user
from .data import WITA, plan, plans_create, random_plans, wita
from .test_blank_cards import random_ledger

pytestmark = pytest.mark.django_db
S = ApplicationStatus
STOPPED = {S.READY_FOR_PICKUP, S.IN_DELIVERY, S.SENT, S.HANDED_OVER, S.ARCHIVED, S.REJECTED}
NOW = wita(2026, 6, 1, 12)


@pytest.fixture
def dataset(pages, kecamatan, staff):
    """300 applications from mid-December 2025 to mid-April 2026, a few on the period's edges, and a ledger."""
    offices = [office.pk for office in kecamatan.values()]
    rng = random.Random(2026)
    plans = random_plans(
        rng, 300, pages=list(pages.values()), kecamatan_ids=offices, first=wita(2025, 12, 10), days=130
    )
    kota = kecamatan["Balikpapan Kota"].pk
    edges = [wita(2025, 12, 31, 23, 59, 59), wita(2026, 1, 1, 0, 0), wita(2026, 3, 31, 23, 59, 59), wita(2026, 4, 1)]
    plans += [plan(pages["ktp"], kota, moment, channel=Channel.COUNTER) for moment in edges]
    plans.append(plan(pages["ikd"], None, wita(2026, 2, 10, 9)))  # a walk-in recorded without a kecamatan
    plans_create(plans)
    ledger = random_ledger(rng, list(kecamatan.values()), staff["operator"])
    return {"plans": plans, "ledger": ledger}


def _cohort(plans, scope):
    chosen = []
    for item in plans:
        day = item.submitted_at.astimezone(WITA).date()
        if not scope.start <= day <= scope.end:
            continue
        if scope.service_id and item.service_id != scope.service_id:
            continue
        if scope.kecamatan_id and item.kecamatan_id != scope.kecamatan_id:
            continue
        chosen.append(item)
    return chosen


def _percentile(values, percent):
    ordered = sorted(values)
    return ordered[math.ceil(percent * len(ordered) / 100) - 1] if ordered else None


def _rows_by_first(table):
    return {row[0]: row[1:] for row in table.rows}


SCOPES = {
    "first quarter, city-wide": dict(start=date(2026, 1, 1), end=date(2026, 3, 31)),
    "February, Balikpapan Kota, KTP-el": dict(
        start=date(2026, 2, 1), end=date(2026, 2, 28), kecamatan="Balikpapan Kota", service="ktp"
    ),
    "first semester, IKD": dict(start=date(2026, 1, 1), end=date(2026, 6, 30), service="ikd"),
    "a range over the new year, Balikpapan Utara": dict(
        start=date(2025, 12, 20), end=date(2026, 1, 10), kecamatan="Balikpapan Utara"
    ),
}


def _scope(spec, pages, kecamatan):
    service = pages[spec["service"]].get_parent().pk if spec.get("service") else None
    office = kecamatan[spec["kecamatan"]].pk if spec.get("kecamatan") else None
    return ReportScope(start=spec["start"], end=spec["end"], service_id=service, kecamatan_id=office)


@pytest.mark.parametrize("name", list(SCOPES))
def test_report_figures_equal_counts_from_the_records(dataset, pages, kecamatan, name):
    scope = _scope(SCOPES[name], pages, kecamatan)
    with time_machine.travel(NOW, tick=False):
        sections = {section.key: section for section in report_sections(scope)}
    cohort = _cohort(dataset["plans"], scope)
    assert cohort, "the scope must hold applications, or the comparison proves nothing"
    names = {office.pk: office.name for office in kecamatan.values()}

    # 10: channel x status, per kecamatan, and the ORM agrees with the plan.
    applications = sections["applications"]
    by_status = _rows_by_first(applications.tables[0])
    expected = Counter((item.status, item.channel) for item in cohort)
    for value, label in S.choices:
        online, counter = expected[(value, Channel.ONLINE)], expected[(value, Channel.COUNTER)]
        assert by_status[label] == [online, counter, online + counter], label
    assert by_status["Jumlah"][-1] == len(cohort)
    orm = Application.objects.filter(pk__in=[item.application.pk for item in cohort]).count()
    assert by_status["Jumlah"][-1] == orm
    by_office = _rows_by_first(applications.tables[1])
    per_office = Counter((item.kecamatan_id, item.channel) for item in cohort)
    for office_id, office_name in names.items():
        if scope.kecamatan_id and office_id != scope.kecamatan_id:
            assert office_name not in by_office
            continue
        online, counter = per_office[(office_id, Channel.ONLINE)], per_office[(office_id, Channel.COUNTER)]
        assert by_office[office_name] == [online, counter, online + counter]

    # 20: finished within one working day.
    within = _rows_by_first(sections["within_standard"].tables[0])
    totals = Counter()
    for item in cohort:
        stops = [change[3] for change in item.changes if change[1] in STOPPED]
        totals["submitted"] += 1
        if item.status in STOPPED:
            totals["stopped"] += 1
            totals["within" if stops[0] <= item.due else "late"] += 1
        elif item.status == S.RETURNED:
            totals["with_citizen"] += 1
        else:
            totals["open"] += 1
            totals["overdue"] += item.due < NOW
    assert within["Jumlah"] == [
        totals["submitted"],
        totals["stopped"],
        totals["within"],
        totals["late"],
        share_percent(totals["within"], totals["stopped"]),
        totals["open"],
        totals["overdue"],
        totals["with_citizen"],
    ]

    # 30: each SOP step's times, recomputed with the service clock itself.
    by_change = {(source, t.target, t.sop_steps[-1]): t for t in TRANSITIONS if t.sop_steps for source in t.sources}
    minutes = defaultdict(list)
    for item in cohort:
        for previous, change in zip(item.changes, item.changes[1:], strict=False):
            transition = by_change.get(change[:3])
            if transition:
                minutes[transition.action].append(working_minutes_between(previous[3], change[3]))
    steps = {row[1]: row for row in sections["sop_steps"].tables[0].rows}
    for transition in (t for t in TRANSITIONS if t.sop_steps):
        values = minutes[transition.action]
        within_standard = sum(value <= transition.standard_minutes for value in values)
        assert steps[str(transition.label)][2:] == [
            transition.standard_minutes,
            len(values),
            _percentile(values, 50),
            _percentile(values, 90),
            share_percent(within_standard, len(values)),
        ], transition.action
    assert sum(len(values) for values in minutes.values()) > 0

    # 40: returns and the top ten reasons.
    returns = [change for item in cohort for change in item.changes if change[1] == S.RETURNED]
    returned_apps = [item for item in cohort if any(change[1] == S.RETURNED for change in item.changes)]
    resubmitted = sum(1 for item in cohort for change in item.changes if change[:2] == (S.RETURNED, S.SUBMITTED))
    summary = [row[1] for row in sections["returns"].tables[0].rows]
    assert summary == [
        len(cohort),
        len(returned_apps),
        share_percent(len(returned_apps), len(cohort)),
        len(returns),
        resubmitted,
    ]
    assert (
        len(returns)
        == StatusChange.objects.filter(
            application__in=[item.application for item in cohort], to_status=S.RETURNED
        ).count()
    )
    reasons = Counter(requirement for change in returns for requirement in set(change[4]))
    top = sorted(reasons.items(), key=lambda pair: (-pair[1], pair[0]))[:10]
    assert [row[1:3] for row in sections["returns"].tables[1].rows] == [list(pair) for pair in top]
    stored = ReturnReason.objects.filter(status_change__application__in=[item.application for item in cohort])
    assert sum(reasons.values()) == stored.count()

    # 50: the blank-card book.
    _assert_blank_cards(sections["blank_cards"], dataset["ledger"], scope, names)


def _assert_blank_cards(section, ledger, scope, names):
    start = wita(scope.start.year, scope.start.month, scope.start.day)
    end = wita(scope.end.year, scope.end.month, scope.end.day) + timedelta(days=1)
    sign = {
        LedgerKind.RECEIVED: 1,
        LedgerKind.ISSUED: -1,
        LedgerKind.SPOILED: -1,
        LedgerKind.TRANSFER_IN: 1,
        LedgerKind.TRANSFER_OUT: -1,
    }
    rows = _rows_by_first(section.tables[0])
    for office_id, office_name in names.items():
        if scope.kecamatan_id and office_id != scope.kecamatan_id:
            assert office_name not in rows
            continue
        lines = [line for line in ledger if line.kecamatan_id == office_id]
        opening = sum(sign.get(line.kind, 0) * line.quantity for line in lines if line.recorded_at < start)
        during = Counter()
        for line in lines:
            if start <= line.recorded_at < end:
                during[line.kind] += line.quantity
        closing = sum(sign.get(line.kind, 0) * line.quantity for line in lines if line.recorded_at < end)
        transferred = during["transfer_in"] - during["transfer_out"]
        expected = [opening, during["received"], during["issued"], during["spoiled"], transferred, closing]
        assert rows[office_name] == expected, office_name
        assert opening + during["received"] - during["issued"] - during["spoiled"] + transferred == closing


def test_query_count_stays_flat_as_applications_grow(pages, kecamatan, staff):
    offices = [office.pk for office in kecamatan.values()]
    scope = ReportScope(start=date(2026, 1, 1), end=date(2026, 3, 31))
    client = as_user(staff["verifier"])
    query = {"period": "quarter", "year": "2026", "quarter": "1"}
    client.get(REPORT, query)  # first-request work (session, admin profile) is not what this test measures
    counts, page_counts = [], []
    for size, seed in ((10, 1), (490, 2)):
        plans_create(
            random_plans(
                random.Random(seed),
                size,
                pages=list(pages.values()),
                kecamatan_ids=offices,
                first=wita(2026, 1, 5),
                days=80,
            )
        )
        with CaptureQueriesContext(connection) as queries:
            report_sections(scope)
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(REPORT, query).status_code == 200
        page_counts.append(len(queries))
    assert Application.objects.count() == 500
    assert counts[0] == counts[1], counts
    assert page_counts[0] == page_counts[1], page_counts
