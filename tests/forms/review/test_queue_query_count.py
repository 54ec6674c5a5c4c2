"""The queue's and "Kasus saya"'s queries stay flat from 10 to 1,000 cases, with holders and batch checkboxes drawn."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forms.models import Application

from ..dispatch.conftest import counter_application
from ..helpers import make_staff, office_staff, signed_in

pytestmark = pytest.mark.django_db
QUEUE = "/admin/permohonan/"
MINE = "/admin/permohonan/saya/"


@pytest.fixture
def staff(seeded):
    return office_staff()


def _cases(template, count, holders):
    """`count` open cases like `template`, each held by one of `holders` in turn (a different user per row)."""
    Application.objects.exclude(pk=template.pk).delete()
    now = timezone.now()
    Application.objects.bulk_create(
        Application(
            page=template.page,
            form_data=template.form_data,
            tracking_number=f"TST-2026-{index:06d}",
            service=template.service,
            service_title=template.service_title,
            variant_code=template.variant_code,
            variant_name=template.variant_name,
            status=template.status,
            channel=template.channel,
            kecamatan=template.kecamatan,
            due_at=template.due_at,
            holder=holders[index % len(holders)],
            held_since=now,
        )
        for index in range(count - 1)
    )
    Application.objects.filter(pk=template.pk).update(holder=holders[0], held_since=now)
    assert Application.objects.count() == count


def _queries(client, url):
    client.get(url)  # warm: sessions, content types, site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("role", ["section_head", "operator"])
def test_the_queue_with_holders_and_batch_checkboxes_costs_the_same_queries_for_10_and_1000_cases(staff, role):
    holders = [make_staff(f"op.kota.{n}", "Operator", "Balikpapan Kota", first_name=f"Petugas {n}") for n in range(7)]
    template = counter_application(staff["operator"])
    client = signed_in(staff[role])
    counts = {}
    for count in (10, 1000):
        _cases(template, count, holders)
        page, counts[count] = _queries(client, QUEUE)
        assert page.count('name="case"') == min(count, 20) and "Petugas 3" in page
    assert counts[10] == counts[1000], counts


def test_my_cases_costs_the_same_queries_for_10_and_1000_cases(staff):
    template = counter_application(staff["operator"])
    client = signed_in(staff["operator"])
    counts = {}
    for count in (10, 1000):
        _cases(template, count, [staff["operator"]])
        page, counts[count] = _queries(client, MINE)
        assert page.count('name="case"') == min(count, 20)
    assert counts[10] == counts[1000], counts
