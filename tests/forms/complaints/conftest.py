import uuid

import pytest
from django.test import Client

from forms.complaints.models import Complaint
from services.models import Kecamatan
from tests.forms import helpers

# A woman born 12 August 1990 (day 12 + 40), registered in Balikpapan Kota; the same as the application tests.
VALID_NIK = "6471065208900003"
OTHER_NIK = "6471031503850002"


def make_staff(username, role, kecamatan=None):
    return helpers.make_staff(username, role, kecamatan, first_name=username)


@pytest.fixture
def staff(seeded):
    return helpers.office_staff(make_staff)


def kecamatan(name="Balikpapan Kota"):
    return Kecamatan.objects.get(name=name)


def complaint_post(**overrides):
    """A valid public form submission; override or drop (None) any field."""
    data = {
        "submission_token": str(uuid.uuid4()),
        "category": "pengaduan",
        "kecamatan": str(kecamatan().pk),
        "service": "",
        "application_number": "",
        "message": "Antrean di loket sangat lama dan petugas tidak ada di tempat pada jam 10.",
        "name": "Ani Lestari",
        "email": "ani.warga@example.org",
        "mobile": "0812-3456-7890",
        "nik": "6471 0652 0890 0003",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def file_complaint(**overrides):
    """File through the public form as an anonymous visitor; returns the stored complaint."""
    client = Client()
    response = client.post("/pengaduan/", complaint_post(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Complaint.objects.get(tracking_number=client.session["complaint_filed"])


def as_user(user):
    client = Client()
    client.force_login(user)
    return client
