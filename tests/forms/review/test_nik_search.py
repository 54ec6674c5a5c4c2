"""Search by NIK is posted and answered with a keyed digest: no URL, redirect or link ever holds the NIK."""

import hashlib
import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.test.utils import override_settings

from forms.identity import nik_digest
from forms.intake.retention import application_anonymise
from forms.models import Application
from forms.review.nik_search import holds_nik

from ..dispatch.conftest import counter_application
from ..helpers import VALID_KK, VALID_NIK, lost_card_form, lost_card_post, office_staff, signed_in, tracking_from

pytestmark = pytest.mark.django_db
QUEUE = "/admin/permohonan/"
SEARCH = "/admin/permohonan/cari-nik/"
OTHER_NIK = "6471031503850002"


@pytest.fixture
def staff(seeded):
    return office_staff()


@pytest.fixture
def application(citizen):
    client = Client()
    client.force_login(citizen)
    return Application.objects.get(tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post())))


@pytest.fixture
def other(staff):
    return counter_application(staff["operator"], nik=OTHER_NIK, kk_number=VALID_KK, applicant_name="Budi Santoso")


def _no_nik_in(text):
    return VALID_NIK not in text and "6471 0652 0890 0003" not in text


def test_nik_search_works_by_post_and_no_url_holds_the_nik(staff, application, other):
    client = signed_in(staff["verifier"])
    response = client.post(SEARCH, {"nik": "6471 0652 0890 0003"}, follow=True)
    assert response.status_code == 200
    urls = [url for url, _status in response.redirect_chain]
    assert urls and all(_no_nik_in(url) for url in urls)
    assert urls[-1] == f"{QUEUE}?nik={nik_digest(VALID_NIK)}"
    body = response.content.decode()
    assert application.tracking_number in body and other.tracking_number not in body
    assert _no_nik_in(body)  # the export links and pagination carry the digest, never the number
    export = client.get(f"{QUEUE}?nik={nik_digest(VALID_NIK)}&export=csv")
    content = b"".join(export.streaming_content).decode()
    assert application.tracking_number in content and other.tracking_number not in content


def test_nik_search_keeps_the_kecamatan_scope(staff, application):
    response = signed_in(staff["operator_elsewhere"]).post(SEARCH, {"nik": VALID_NIK}, follow=True)
    assert response.status_code == 200
    assert application.tracking_number not in response.content.decode()


def test_nik_search_is_post_only_and_csrf_protected(staff, application):
    assert signed_in(staff["verifier"]).get(SEARCH, {"nik": VALID_NIK}).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff["verifier"])
    assert strict.post(SEARCH, {"nik": VALID_NIK}).status_code == 403


def test_a_malformed_nik_goes_back_to_the_queue_with_the_reason_and_without_the_number(staff, application):
    response = signed_in(staff["verifier"]).post(SEARCH, {"nik": "6471 0652 0890"}, follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "NIK terdiri atas 16 digit; Anda memasukkan 12 digit." in response.content.decode()


@pytest.mark.parametrize("typed", [VALID_NIK, "6471 0652 0890 0003", f"Ani {VALID_NIK}", "6471-0652-0890-0003"])
def test_a_nik_typed_in_the_search_box_is_not_searched_nor_echoed(staff, application, typed):
    client = signed_in(staff["verifier"])
    for path in (QUEUE, f"{QUEUE}results/"):
        response = client.get(path, {"q": typed, "status": "submitted"})
        assert response.status_code == 302 and response["Location"] == f"{path}?status=submitted"
    page = client.get(QUEUE, {"q": typed}, follow=True)
    assert page.redirect_chain == [(QUEUE, 302)] and _no_nik_in(page.content.decode())


def test_a_raw_nik_in_the_digest_parameter_is_dropped(staff, application):
    response = signed_in(staff["verifier"]).get(QUEUE, {"nik": VALID_NIK})
    assert response.status_code == 302 and response["Location"] == QUEUE


def test_the_complaints_search_box_refuses_a_nik_too(staff):
    response = signed_in(staff["section_head"]).get("/admin/pengaduan/", {"q": VALID_NIK})
    assert response.status_code == 302 and response["Location"] == "/admin/pengaduan/"


def test_the_digest_follows_the_nik_at_the_counter_and_through_retention(staff):
    application = counter_application(staff["operator"], nik=VALID_NIK, kk_number=VALID_KK)
    application.refresh_from_db()
    assert application.nik_digest == nik_digest(VALID_NIK)
    Application.objects.filter(pk=application.pk).update(status="archived")
    application_anonymise(application=application)
    application.refresh_from_db()
    assert application.nik == "" and application.nik_digest == ""
    assert not Application.objects.filter(nik_digest=nik_digest(VALID_NIK)).exists()


def test_the_digest_follows_a_saved_nik_even_with_update_fields(staff, other):
    other.nik = VALID_NIK
    other.save(update_fields=["nik"])
    other.refresh_from_db()
    assert other.nik_digest == nik_digest(VALID_NIK)


def test_the_digest_is_keyed_by_the_secret_key():
    digest = nik_digest(VALID_NIK)
    assert len(digest) == 64 and digest != hashlib.sha256(VALID_NIK.encode()).hexdigest()
    with override_settings(SECRET_KEY="another-key-entirely"):
        assert nik_digest(VALID_NIK) != digest
    assert nik_digest("") == ""


def test_the_migration_gives_existing_applications_their_digest(staff, application, other):
    Application.objects.update(nik_digest="")
    migration = importlib.import_module("forms.migrations.0009_application_nik_digest")
    migration.digests_fill(apps, None)
    assert dict(Application.objects.values_list("nik", "nik_digest")) == {
        VALID_NIK: nik_digest(VALID_NIK),
        OTHER_NIK: nik_digest(OTHER_NIK),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [(VALID_NIK, True), ("6471.0652.0890.0003", True), ("KTP-2026-7QX4M2K", False), ("647106520890000", False)],
)
def test_what_counts_as_a_nik_in_a_search(text, expected):
    assert holds_nik(text) is expected
