"""The queue at any size: it opens on open cases by due time, a tracking number finds one row, counts are bounded."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from forms.constants import ApplicationStatus
from forms.models import Application
from forms.review import admin_views
from services.models import Kecamatan

from ..helpers import VALID_NIK, lost_card_form, lost_card_post, signed_in, tracking_from
from .test_review_transitions import staff  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
QUEUE = "/admin/permohonan/"


@pytest.fixture
def application(citizen):
    client = Client()
    client.force_login(citizen)
    return Application.objects.get(tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post())))


def _copies(application, count, *, status, prefix, due):
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    return Application.objects.bulk_create(
        Application(
            page=application.page,
            form_data=application.form_data,
            tracking_number=f"{prefix}-{index:06d}",
            applicant=application.applicant,
            service=application.service,
            service_title=application.service_title,
            variant_code="hilang",
            variant_name=application.variant_name,
            nik=VALID_NIK,
            kecamatan=kota,
            status=status,
            due_at=due,
        )
        for index in range(count)
    )


def test_the_queue_opens_on_open_cases_by_due_time_and_shows_the_archive_on_request(application, staff):  # noqa: F811
    long_ago = timezone.now() - datetime.timedelta(days=700)
    _copies(application, 3, status=ApplicationStatus.ARCHIVED, prefix="ARS-2024", due=long_ago)
    client = signed_in(staff["operator"])
    body = client.get(QUEUE).content.decode()
    assert application.tracking_number in body and "ARS-2024-" not in body
    assert "ARS-2024-000000" in client.get(QUEUE, {"cases": "all"}).content.decode()
    finished = client.get(QUEUE, {"cases": "finished"}).content.decode()
    assert "ARS-2024-000000" in finished and application.tracking_number not in finished
    assert "ARS-2024-000001" in client.get(QUEUE, {"status": ApplicationStatus.ARCHIVED}).content.decode()


def test_a_tracking_number_finds_that_one_application_and_no_other(application, staff):  # noqa: F811
    # Same prefix and year as the real one: the old OR-search listed every KTP-2026-… row whose name matched.
    _copies(application, 5, status=ApplicationStatus.SUBMITTED, prefix="KTP-2026-X", due=application.due_at)
    client = signed_in(staff["verifier"])
    response = client.get(QUEUE, {"q": application.tracking_number.lower()})
    listed = list(response.context["object_list"])
    assert listed == [application]
    # A finished case is found by its number too: the open-cases default does not hide a search.
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.ARCHIVED)
    assert list(client.get(QUEUE, {"q": application.tracking_number}).context["object_list"]) == [application]


def test_the_queue_counts_no_further_than_its_limit(application, staff, monkeypatch):  # noqa: F811
    monkeypatch.setattr(admin_views, "QUEUE_COUNT_LIMIT", 4)
    _copies(application, 6, status=ApplicationStatus.SUBMITTED, prefix="CNT-2026", due=application.due_at)
    response = signed_in(staff["operator"]).get(QUEUE)
    paginator = response.context["paginator"]
    assert paginator.count == 4 and paginator.count_is_bounded
    assert "lebih dari 4 permohonan" in response.content.decode()


def _hours(hours):
    return datetime.timedelta(hours=hours)


def _listed(client, params):
    return [row.tracking_number for row in client.get(QUEUE, params).context["object_list"]]


@pytest.mark.parametrize("column", ["kecamatan", "status", "variant_name", "applicant_name", "due_at"])
def test_pages_of_a_sort_on_a_shared_value_neither_repeat_nor_skip_a_case(application, staff, column):  # noqa: F811
    # 45 open cases with one kecamatan, status, variant and name, and 15 share a due time: without a tiebreak the
    # database may give page 2 rows of page 1 (PostgreSQL does, with a top-N sort).
    due = timezone.now() + datetime.timedelta(days=3)
    for offset in range(3):
        _copies(application, 15, status=ApplicationStatus.SUBMITTED, prefix=f"TIE-{offset}", due=due + _hours(offset))
    client = signed_in(staff["verifier"])
    ascending = [number for page in (1, 2, 3) for number in _listed(client, {"ordering": column, "p": page})]
    expected = {
        *Application.objects.filter(tracking_number__startswith="TIE-").values_list("tracking_number", flat=True)
    }
    expected.add(application.tracking_number)
    assert len(ascending) == len(set(ascending)) == len(expected) and set(ascending) == expected
    descending = [number for page in (1, 2, 3) for number in _listed(client, {"ordering": f"-{column}", "p": page})]
    assert descending == ascending[::-1]  # a descending sort is the ascending list reversed


def test_not_overdue_lists_the_open_cases_not_past_due_and_none_without_a_due_time_is_lost(application, staff):  # noqa: F811
    now = timezone.now()
    _copies(
        application, 2, status=ApplicationStatus.SUBMITTED, prefix="LATE-2026", due=now - datetime.timedelta(hours=1)
    )
    _copies(
        application, 2, status=ApplicationStatus.SUBMITTED, prefix="SOON-2026", due=now + datetime.timedelta(hours=1)
    )
    _copies(application, 1, status=ApplicationStatus.SUBMITTED, prefix="NODUE-2026", due=None)
    _copies(application, 1, status=ApplicationStatus.ARCHIVED, prefix="DONE-2026", due=now - datetime.timedelta(days=9))
    client = signed_in(staff["verifier"])
    open_in_time = set(_listed(client, {"overdue": "false"}))
    assert {"SOON-2026-000000", "SOON-2026-000001", "NODUE-2026-000000"} <= open_in_time
    assert not {number for number in open_in_time if number.startswith(("LATE-", "DONE-"))}
    assert set(_listed(client, {"overdue": "true"})) == {"LATE-2026-000000", "LATE-2026-000001"}
    # Over every case, a finished one is never overdue, however long ago it was due.
    assert "DONE-2026-000000" in set(_listed(client, {"overdue": "false", "cases": "all"}))
    assert "LATE-2026-000000" not in set(_listed(client, {"overdue": "false", "cases": "all"}))


def test_a_row_links_its_case_once_without_a_menu_that_repeats_the_link(application, staff):  # noqa: F811
    body = signed_in(staff["verifier"]).get(QUEUE).content.decode()
    review = f"/admin/permohonan/review/{application.pk}/"
    assert body.count(f'href="{review}"') == 1
    assert "w-dropdown__toggle" not in body.split('<table class="listing', 1)[1]
