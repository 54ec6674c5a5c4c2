"""The visit desk reads through the office scope: an operator works their own office's visits, no other's."""

import pytest
from django.utils import timezone

from forms.constants import Processing, StaffRole
from forms.visits.constants import VisitStatus
from forms.visits.models import VisitBooking
from forms.visits.selectors import visit_today
from tests.forms.factories import ApplicationFactory, StaffFactory
from tests.forms.helpers import signed_in
from tests.services.factories import KecamatanFactory

pytestmark = pytest.mark.django_db
LIST = "/admin/kunjungan-ikd/"
PANEL = "Kunjungan IKD hari ini"


def _booking(kecamatan, number, status=VisitStatus.WAITING):
    """A visit booked for today at this office (the booking rules are tests/forms/visits/test_booking_rules.py's)."""
    return VisitBooking.objects.create(
        application=ApplicationFactory(kecamatan=kecamatan, processing=Processing.VISIT),
        kecamatan=kecamatan,
        date=visit_today(),
        number=number,
        queue_code=f"T{kecamatan.pk}-{number:03d}",
        status=status,
        booked_at=timezone.now(),
        called_at=timezone.now() if status == VisitStatus.CALLED else None,
    )


@pytest.fixture
def desks(seeded):
    """Today: two visits waiting at one office, one called at another, and an operator at the first."""
    here, there = KecamatanFactory(), KecamatanFactory()
    return {
        "here": here,
        "there": there,
        "own": [_booking(here, 1), _booking(here, 2)],
        "other": _booking(there, 1, VisitStatus.CALLED),
        "operator": StaffFactory(kecamatan=here),
    }


def _refused(response):
    """Wagtail's admin turns the PermissionDenied into a redirect to the dashboard with an error message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_operator_cannot_see_another_offices_visit_list(desks):
    client = signed_in(desks["operator"])
    own = client.get(LIST)
    assert own.status_code == 200 and desks["own"][0].queue_code in own.content.decode()
    response = client.get(LIST, {"kecamatan": desks["there"].pk})
    assert _refused(response)
    assert desks["other"].queue_code not in response.content.decode()


def test_operator_cannot_call_or_activate_at_another_office(desks):
    client = signed_in(desks["operator"])
    other = desks["other"]
    assert client.post(f"{LIST}{other.pk}/aktif/", {"expected_status": "called"}).status_code == 404
    assert _refused(client.post(LIST + "panggil/", {"kecamatan": desks["there"].pk}))
    other.refresh_from_db()
    assert other.status == VisitStatus.CALLED and other.closed_by is None


def test_the_dashboard_counts_only_the_operators_office(desks):
    home = signed_in(desks["operator"]).get("/admin/").content.decode()
    panel = home.split(PANEL)[1]
    assert f'{desks["here"].name}</a></th><td class="visit-waiting">2</td>' in panel
    assert desks["there"].name not in panel
    verifier = signed_in(StaffFactory(role=StaffRole.VERIFIER)).get("/admin/").content.decode()
    assert f'{desks["there"].name}</a></th><td class="visit-waiting">0</td>' in verifier.split(PANEL)[1]
