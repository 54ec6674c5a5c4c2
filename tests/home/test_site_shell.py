"""The shell around every page: language, headers, search, errors and the health endpoint."""

import boto3
import pytest
from django.test import Client
from moto.server import ThreadedMotoServer

from services.models import ServiceStandardPage


def test_pages_are_in_indonesian_by_default_even_for_an_english_browser(client, seeded):
    response = client.get("/layanan/cetak-ktp-el/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="id">' in body
    assert "Jangka Waktu Pelayanan" in body and "Langsung ke isi" in body
    assert response["Content-Language"] == "id"


def test_the_language_switch_offers_english_ui_strings(seeded):
    client = Client(enforce_csrf_checks=False)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/layanan/cetak-ktp-el/"})
    assert response.status_code == 302
    body = client.get("/layanan/cetak-ktp-el/").content.decode()
    assert '<html lang="en">' in body
    assert "Service time" in body and "Skip to content" in body
    # The decree's own words are not translated.
    assert "Tanpa dipungut biaya (Rp. 0)" in body


def test_public_pages_send_security_headers(client, seeded):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp and "base-uri 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_search_finds_standards_by_their_content(client, seeded):
    body = client.get("/cari/", {"q": "Fargo"}).content.decode()
    assert ServiceStandardPage.objects.get(slug="cetak-ktp-el").title in body
    body = client.get("/cari/", {"q": "verifikasi wajah"}).content.decode()
    assert "Pendaftaran Identitas Kependudukan Digital (IKD)" in body


def test_search_says_plainly_when_nothing_matches(client, seeded):
    body = client.get("/cari/", {"q": "paspor"}).content.decode()
    assert "Tidak ada hasil untuk “paspor”" in body


def test_unknown_page_gives_an_indonesian_404(client, seeded):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_healthz_reports_database_and_storage(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "storage": "ok", "queue": "ok"},
        "queue": {"tasks_waiting": 0, "oldest_task_wait_seconds": 0, "failed_sends_last_hour": 0},
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def _s3_storages(endpoint, bucket="portal-health"):
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "default_acl": None,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**options, "location": "public"}},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**options, "location": "private"}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def moto_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket="portal-health")
    yield endpoint
    server.stop()


def test_healthz_checks_s3_storage_over_http(client, db, settings, moto_endpoint):
    settings.STORAGES = _s3_storages(moto_endpoint)
    assert client.get("/healthz").status_code == 200


def test_healthz_fails_when_storage_is_unreachable(client, db, settings):
    settings.STORAGES = _s3_storages("http://127.0.0.1:9")  # nothing listens on the discard port
    settings.AWS_S3_MAX_ATTEMPTS = 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"
