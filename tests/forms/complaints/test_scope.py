"""Complaints follow the office's one scope rule: an operator their own kecamatan, city-wide roles every one."""

import pytest

from forms.complaints.selectors import complaints_visible_to, user_may_see_complaint
from forms.constants import StaffRole

from .conftest import as_user, make_staff
from .helpers import new_complaint

pytestmark = pytest.mark.django_db
ADMIN = "/admin/pengaduan/"


@pytest.fixture
def here(staff):
    return new_complaint(place="Balikpapan Kota", message="Keluhan di Kota.")


@pytest.fixture
def there(staff):
    return new_complaint(place="Balikpapan Utara", message="Keluhan di Utara.")


def _export(client):
    return b"".join(client.get(f"{ADMIN}?export=csv").streaming_content).decode()


def test_an_operator_gets_404_on_another_kecamatans_complaint_and_never_sees_it_listed_or_exported(staff, here, there):
    client = as_user(staff["operator"])
    assert client.get(f"{ADMIN}detail/{there.pk}/").status_code == 404
    assert client.get(f"{ADMIN}detail/{here.pk}/").status_code == 200
    listing = client.get(ADMIN).content.decode()
    assert here.tracking_number in listing and there.tracking_number not in listing
    exported = _export(client)
    assert here.tracking_number in exported and there.tracking_number not in exported


@pytest.mark.parametrize("role", ["verifier", "section_head", "siak_admin", "head_of_office"])
def test_city_wide_roles_see_both_kecamatans_complaints(staff, here, there, role):
    client = as_user(staff[role])
    for complaint in (here, there):
        assert client.get(f"{ADMIN}detail/{complaint.pk}/").status_code == 200
    listing = client.get(ADMIN).content.decode()
    exported = _export(client)
    for complaint in (here, there):
        assert complaint.tracking_number in listing and complaint.tracking_number in exported


def test_an_operator_without_an_office_and_a_content_editor_see_no_complaint(staff, here, there):
    for user in (make_staff("op.tanpa.kantor", StaffRole.OPERATOR), staff["editor"]):
        assert not complaints_visible_to(user).exists()
        assert not user_may_see_complaint(user, here) and not user_may_see_complaint(user, there)
