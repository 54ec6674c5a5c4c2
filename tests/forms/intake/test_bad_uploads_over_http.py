"""Each bad file in security.md's table, sent through the real form: refused in Indonesian, nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms.models import Application, ApplicationDocument
from tests.forms import upload_samples as samples
from tests.forms.clamd_harness import clamd_daemon  # noqa: F401 - session fixture

from ..helpers import lost_card_form, lost_card_post

pytestmark = pytest.mark.django_db

BAD_FILES = [
    (
        "gif-as-png",
        "kk.png",
        samples.gif_bytes,
        "Berkas “kk.png” dinamai seperti berkas PNG, tetapi sebenarnya adalah gambar GIF",
    ),
    ("html", "kk.html", samples.html_bytes, "Berkas “kk.html” bukan berkas PDF, JPEG atau PNG"),
    ("svg", "kk.svg", samples.svg_bytes, "Berkas “kk.svg” bukan berkas PDF, JPEG atau PNG"),
    ("exe-as-pdf", "kk.pdf", samples.pe_bytes, "sebenarnya adalah program (berkas yang dapat dijalankan)"),
    ("empty", "kk.pdf", lambda: b"", "kosong"),
    ("encrypted-pdf", "kk.pdf", samples.encrypted_pdf_bytes, "dilindungi kata sandi"),
    ("broken-pdf", "kk.pdf", samples.broken_pdf_bytes, "tidak dapat dibuka sebagai PDF"),
    ("jpeg-junk", "kk.jpg", samples.jpeg_header_then_junk_bytes, "tidak dapat dibuka sebagai gambar"),
    ("bomb", "kk.png", samples.huge_png_bytes, "terlalu banyak piksel"),
    ("oversize", "kk.pdf", lambda: samples.oversize_pdf_bytes(6 * 1024 * 1024), "berukuran lebih dari 5 MB"),
]


def _assert_refused(client, name, content, message):
    upload = SimpleUploadedFile(name, content, "application/octet-stream")
    response = client.post(lost_card_form().url, lost_card_post(fotocopy_kartu_keluarga=upload))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body, body[body.find("errorlist") - 200 : body.find("errorlist") + 800]
    assert 'id="id_fotocopy_kartu_keluarga_error"' in body
    assert Application.objects.count() == 0 and ApplicationDocument.objects.count() == 0


@pytest.mark.parametrize(("case", "name", "make", "message"), BAD_FILES, ids=[case for case, *_ in BAD_FILES])
def test_bad_file_is_refused_with_a_clear_indonesian_message(client, citizen, case, name, make, message):
    client.force_login(citizen)
    _assert_refused(client, name, make(), message)


def test_a_virus_is_refused_when_clamav_is_on(client, citizen, settings, clamd_daemon):  # noqa: F811
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = clamd_daemon.socket_path
    client.force_login(citizen)
    _assert_refused(client, "kk.pdf", samples.EICAR, "mengandung virus")


def test_uploads_are_refused_when_clamav_is_on_but_unreachable(client, citizen, settings, tmp_path):
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = str(tmp_path / "no-clamd.sock")
    client.force_login(citizen)
    _assert_refused(client, "kk.pdf", samples.pdf_bytes(), "tidak dapat diperiksa saat ini")
