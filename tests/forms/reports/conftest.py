import pytest
from django.test import Client

from forms.constants import StaffRole
from forms.models import ApplicationFormPage
from services.models import Kecamatan
from tests.forms import helpers

REPORT = "/admin/laporan/"


def make_staff(username, role, kecamatan=None):
    return helpers.make_staff(username, role, kecamatan, first_name=username.title())


@pytest.fixture
def staff(seeded):
    return {**helpers.office_staff(make_staff), "operator_without_office": make_staff("op.lepas", StaffRole.OPERATOR)}


@pytest.fixture
def pages(seeded):
    """The KTP-el (card) and IKD (visit) application forms of the seed."""
    return {
        "ktp": ApplicationFormPage.objects.get(slug="hilang"),
        "ikd": ApplicationFormPage.objects.get(slug="pesan-kunjungan"),
    }


@pytest.fixture
def kecamatan(seeded):
    return {office.name: office for office in Kecamatan.objects.all()}


def as_user(user):
    client = Client()
    client.force_login(user)
    return client
