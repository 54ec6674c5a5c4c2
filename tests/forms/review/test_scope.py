"""The review room reads through the office scope: another kecamatan's application is not there for an operator."""

import pytest

from forms.constants import StaffRole
from tests.forms.factories import ApplicationDocumentFactory, ApplicationFactory, StaffFactory
from tests.forms.helpers import signed_in
from tests.services.factories import KecamatanFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/permohonan/"


@pytest.fixture
def cases(seeded):
    """An application with a document at each of two kecamatan offices, and an operator at the first."""
    here, there = KecamatanFactory(), KecamatanFactory()
    own = ApplicationDocumentFactory(application__kecamatan=here).application
    other = ApplicationDocumentFactory(application__kecamatan=there).application
    return {"own": own, "other": other, "operator": StaffFactory(kecamatan=here)}


def _pages(application):
    document = application.documents.get()
    return [
        f"{QUEUE}review/{application.pk}/",
        f"{QUEUE}review/{application.pk}/document/{document.pk}/",
        f"{QUEUE}loket/{application.pk}/tanda-terima/",
    ]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_operator_cannot_open_another_kecamatans_application_its_document_or_its_receipt(cases):
    client = signed_in(cases["operator"])
    for url in _pages(cases["own"]):
        assert client.get(url).status_code == 200, url
    for url in _pages(cases["other"]):
        assert client.get(url).status_code == 404, url


def test_another_kecamatans_application_is_absent_from_the_operators_queue_and_export(cases):
    client = signed_in(cases["operator"])
    for url in (QUEUE, QUEUE + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 200
        body = _body(response).decode()
        assert cases["own"].tracking_number in body, url
        assert cases["other"].tracking_number not in body, url


def test_a_city_wide_verifier_sees_and_opens_both_offices_applications(cases):
    client = signed_in(StaffFactory(role=StaffRole.VERIFIER))
    for url in (QUEUE, QUEUE + "?export=csv"):
        body = _body(client.get(url)).decode()
        assert cases["own"].tracking_number in body and cases["other"].tracking_number in body, url
    for url in _pages(cases["own"]) + _pages(cases["other"]):
        assert client.get(url).status_code == 200, url


def test_an_application_naming_no_kecamatan_is_the_city_wide_staffs_only(cases):
    unplaced = ApplicationFactory(kecamatan=None)
    assert signed_in(cases["operator"]).get(f"{QUEUE}review/{unplaced.pk}/").status_code == 404
    assert signed_in(StaffFactory(role=StaffRole.VERIFIER)).get(f"{QUEUE}review/{unplaced.pk}/").status_code == 200
