"""Every opening of a staff page that shows a whole NIK or KK writes one audit entry; pages that mask it write none."""

import pytest
from wagtail.models import ModelLogEntry

from services.models import Kecamatan

from ..complaints.helpers import new_complaint
from ..dispatch.conftest import counter_application
from ..helpers import VALID_KK, VALID_NIK, office_staff, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def application(staff):
    return counter_application(staff["operator"], nik=VALID_NIK, kk_number=VALID_KK)


def _openings(instance, user):
    return ModelLogEntry.objects.for_instance(instance).filter(action__endswith=".view_identity", user=user)


def test_opening_a_review_page_writes_exactly_one_audit_entry(staff, application):
    response = signed_in(staff["verifier"]).get(f"/admin/permohonan/review/{application.pk}/")
    assert response.status_code == 200
    assert VALID_NIK in response.content.decode()
    entries = list(_openings(application, staff["verifier"]))
    assert len(entries) == 1
    assert entries[0].action == "intake.view_identity" and entries[0].data == {"screen": "review"}


def test_each_opening_is_one_more_entry_and_a_button_press_adds_none(staff, application):
    client = signed_in(staff["operator"])
    url = f"/admin/permohonan/review/{application.pk}/"
    client.get(url)
    client.get(url)
    assert _openings(application, staff["operator"]).count() == 2
    pressed = client.post(url, {"action": "enter_siak", "expected_status": "accepted", "siak_reference": "S-1"})
    assert pressed.status_code == 302  # the press answers with a redirect; only the page it leads to is an opening
    assert _openings(application, staff["operator"]).count() == 2


def test_a_refused_review_page_writes_no_entry(staff, application):
    response = signed_in(staff["operator_elsewhere"]).get(f"/admin/permohonan/review/{application.pk}/")
    assert response.status_code == 404
    assert not _openings(application, staff["operator_elsewhere"]).exists()


def test_opening_the_hand_over_screen_is_audited(staff, application):
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    response = signed_in(staff["operator"]).get(f"/admin/cetak/{kota.pk}/serah-terima/{application.pk}/")
    assert response.status_code == 200 and VALID_NIK in response.content.decode()
    entries = list(_openings(application, staff["operator"]))
    assert [(entry.action, entry.data) for entry in entries] == [("intake.view_identity", {"screen": "hand_over"})]


def test_opening_a_complaint_that_shows_the_nik_is_audited(staff):
    complaint = new_complaint()
    response = signed_in(staff["section_head"]).get(f"/admin/pengaduan/detail/{complaint.pk}/")
    assert response.status_code == 200 and VALID_NIK in response.content.decode()
    assert _openings(complaint, staff["section_head"]).count() == 1


def test_the_counter_slip_masks_the_nik_and_so_writes_no_entry(staff, application):
    response = signed_in(staff["operator"]).get(f"/admin/permohonan/loket/{application.pk}/tanda-terima/")
    body = response.content.decode()
    assert response.status_code == 200 and "6471********0003" in body
    assert VALID_NIK not in body and VALID_KK not in body
    assert not _openings(application, staff["operator"]).exists()
