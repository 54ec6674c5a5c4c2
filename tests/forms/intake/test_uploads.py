"""The upload checks (forms/uploads.py) against real sample files built in memory."""

import contextlib
import hashlib
import io
import pickle
import re
import socket
import threading
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from django.utils import translation
from django.utils.functional import Promise
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from forms.intake import uploads
from forms.intake.uploads import (
    ALLOWED_TYPES,
    DEFAULT_MAX_BYTES,
    MESSAGES,
    CleanUpload,
    UploadRejected,
    clean_original_name,
    inspect_upload,
    private_upload_name,
    scan_for_viruses,
)
from tests.forms import upload_samples as samples
from tests.forms.clamd_harness import SIGNATURE_NAME, clamd_daemon  # noqa: F401 - session fixture


@pytest.fixture(autouse=True)
def english():
    """The tests read the English msgids; the project's default language is Indonesian."""
    with translation.override("en"):
        yield


def upload(content: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """A file as Django hands it over; the browser's content type is deliberately arbitrary."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def rejected(content: bytes, name: str, code: str, **kwargs) -> UploadRejected:
    """Assert the upload is refused with `code` and a message that names the file; return the error."""
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(upload(content, name), **kwargs)
    error = caught.value
    assert error.code == code
    message = error.messages[0]
    assert f"“{clean_original_name(name)}”" in message
    assert "%(" not in message
    return error


# --- accepted files -----------------------------------------------------------------------------------------


def test_pdf_is_stored_as_its_rewrite_with_every_page():
    pdf = samples.pdf_bytes(pages=2)
    clean = inspect_upload(upload(pdf, "Akta Kelahiran.pdf", "application/pdf"))
    assert clean == CleanUpload(
        content=clean.content,
        content_type="application/pdf",
        extension=".pdf",
        original_name="Akta Kelahiran.pdf",
        size=len(clean.content),
        sha256=hashlib.sha256(clean.content).hexdigest(),
    )
    assert len(PdfReader(io.BytesIO(clean.content)).pages) == 2


def test_browser_content_type_and_extension_are_ignored_for_allowed_types():
    # The content decides: a real PDF called .jpg and sent as image/png is a PDF, stored as .pdf.
    clean = inspect_upload(upload(samples.pdf_bytes(), "scan.jpg", "image/png"))
    assert (clean.content_type, clean.extension, clean.original_name) == ("application/pdf", ".pdf", "scan.jpg")
    # A PNG named .jpg (phones and chat apps rename freely) is accepted and stored as .png.
    clean = inspect_upload(upload(samples.png_bytes(), "foto.jpg", "image/jpeg"))
    assert (clean.content_type, clean.extension) == ("image/png", ".png")
    clean = inspect_upload(upload(samples.jpeg_bytes(), "no-extension"))
    assert (clean.content_type, clean.extension) == ("image/jpeg", ".jpg")


def test_jpeg_is_reencoded_without_exif_gps_or_xmp_and_upright():
    original = samples.jpeg_with_exif_bytes(orientation=6)
    before = Image.open(io.BytesIO(original))
    assert before.getexif().get_ifd(0x8825)[2] == samples.GPS_LATITUDE  # the sample really carries GPS
    assert samples.XMP_MARKER in original

    clean = inspect_upload(upload(original, "IMG_2024.jpg", "image/jpeg"))

    assert (clean.content_type, clean.extension) == ("image/jpeg", ".jpg")
    assert clean.size == len(clean.content) and clean.sha256 == hashlib.sha256(clean.content).hexdigest()
    after = Image.open(io.BytesIO(clean.content))
    assert after.format == "JPEG"
    assert dict(after.getexif()) == {}
    assert after.getexif().get_ifd(0x8825) == {}
    assert "exif" not in after.info and "xmp" not in after.info
    for secret in (samples.CAMERA_MODEL.encode(), samples.XMP_MARKER, b"Exif\x00\x00", b"SampleMaker"):
        assert secret not in clean.content
    # Orientation 6 means "turn 90° clockwise to view": the 64x32 red|blue photo becomes 32x64 red over blue.
    assert after.size == (32, 64)
    red_top, blue_bottom = after.convert("RGB").getpixel((16, 8)), after.convert("RGB").getpixel((16, 56))
    assert red_top[0] > 150 and red_top[2] < 100
    assert blue_bottom[2] > 150 and blue_bottom[0] < 100


def test_trailing_payload_after_jpeg_is_dropped():
    original = samples.jpeg_with_trailing_payload_bytes()
    assert original.endswith(samples.TRAILING_PAYLOAD)
    clean = inspect_upload(upload(original, "ktp.jpg"))
    assert samples.TRAILING_PAYLOAD not in clean.content
    assert b"<?php" not in clean.content
    assert clean.content.endswith(b"\xff\xd9")  # ends at the JPEG end-of-image marker
    assert Image.open(io.BytesIO(clean.content)).size == (64, 32)


@pytest.mark.parametrize("mode", ["RGBA", "P", "RGB", "L"])
def test_png_stays_png_with_transparency(mode):
    original = samples.png_bytes(mode)
    clean = inspect_upload(upload(original, f"image-{mode}.png"))
    assert (clean.content_type, clean.extension) == ("image/png", ".png")
    before, after = Image.open(io.BytesIO(original)), Image.open(io.BytesIO(clean.content))
    assert after.format == "PNG" and after.mode == before.mode and after.size == before.size
    assert after.convert("RGBA").getpixel((0, 0)) == before.convert("RGBA").getpixel((0, 0))


def test_png_metadata_is_dropped():
    original = samples.png_with_metadata_bytes()
    assert samples.CAMERA_MODEL.encode() in original
    clean = inspect_upload(upload(original, "tangkapan.png"))
    after = Image.open(io.BytesIO(clean.content))
    assert dict(after.getexif()) == {}
    assert "Comment" not in after.info and "Author" not in after.info
    assert samples.CAMERA_MODEL.encode() not in clean.content
    assert samples.XMP_MARKER not in clean.content


@pytest.mark.parametrize(
    "make_file",
    [
        lambda data, name: InMemoryUploadedFile(io.BytesIO(data), "file", name, "application/pdf", len(data), None),
        lambda data, name: _temporary_upload(data, name),
    ],
    ids=["in-memory", "temporary"],
)
def test_django_upload_classes_are_read_from_the_start(make_file):
    pdf = samples.pdf_bytes()
    uploaded = make_file(pdf, "formulir.pdf")
    uploaded.read(10)  # a form may already have peeked at it
    clean = inspect_upload(uploaded)
    assert clean.content == inspect_upload(upload(pdf, "formulir.pdf")).content


def _temporary_upload(data: bytes, name: str) -> TemporaryUploadedFile:
    uploaded = TemporaryUploadedFile(name, "application/pdf", len(data), None)
    uploaded.write(data)
    uploaded.flush()
    return uploaded


# --- refused files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make_content", "name", "code"),
    [
        (samples.gif_bytes, "foto.png", "upload_type_mismatch"),
        (samples.gif_bytes, "animasi.gif", "upload_type_not_allowed"),
        (samples.webp_bytes, "foto.jpg", "upload_type_mismatch"),
        (samples.html_bytes, "formulir.html", "upload_type_not_allowed"),
        (samples.html_bytes, "formulir.pdf", "upload_type_mismatch"),
        (samples.svg_bytes, "logo.svg", "upload_type_not_allowed"),
        (samples.svg_bytes, "logo.png", "upload_type_mismatch"),
        (samples.elf_bytes, "surat.pdf", "upload_type_mismatch"),
        (samples.pe_bytes, "surat.pdf", "upload_type_mismatch"),
        (samples.pe_bytes, "setup.exe", "upload_type_not_allowed"),
        (lambda: b"", "kosong.pdf", "upload_empty"),
        (samples.encrypted_pdf_bytes, "rekening.pdf", "upload_pdf_encrypted"),
        (lambda: samples.encrypted_pdf_bytes(user_password=""), "terkunci.pdf", "upload_pdf_encrypted"),
        (samples.broken_pdf_bytes, "rusak.pdf", "upload_pdf_unreadable"),
        (lambda: samples.pdf_bytes(pages=0), "tanpa-halaman.pdf", "upload_pdf_unreadable"),
        (samples.jpeg_header_then_junk_bytes, "foto.jpg", "upload_image_unreadable"),
        (lambda: samples.png_bytes()[:60], "terpotong.png", "upload_image_unreadable"),
        (samples.huge_png_bytes, "bom.png", "upload_image_too_large_dimensions"),
        (lambda: samples.huge_png_bytes(10_000, 5_000), "50mp.png", "upload_image_too_large_dimensions"),
        (lambda: samples.EICAR, "catatan.txt", "upload_type_not_allowed"),
    ],
)
def test_refused(make_content, name, code):
    rejected(make_content(), name, code)


def test_samples_are_what_the_tests_claim():
    # Guards the parametrised refusals above: each sample really is the type it stands for.
    sniff = uploads._sniff
    assert sniff(samples.gif_bytes()) == "image/gif"
    assert sniff(samples.html_bytes()) == "text/html"
    assert sniff(samples.svg_bytes()) == "image/svg+xml"
    assert sniff(samples.elf_bytes()) == "application/x-executable"
    assert sniff(samples.pe_bytes()) == "application/vnd.microsoft.portable-executable"
    assert sniff(samples.broken_pdf_bytes()) == "application/pdf"
    assert sniff(samples.jpeg_header_then_junk_bytes()) == "image/jpeg"
    assert PdfReader(io.BytesIO(samples.encrypted_pdf_bytes())).is_encrypted
    huge = Image.open(io.BytesIO(samples.huge_png_bytes(10_000, 5_000)))
    assert huge.size == (10_000, 5_000)
    assert len(samples.huge_png_bytes()) < 64 * 1024  # 200 megapixels declared, tiny on disk


def test_executable_named_pdf_says_what_it_really_is():
    error = rejected(samples.elf_bytes(), "surat.pdf", "upload_type_mismatch")
    assert error.messages == [
        "“surat.pdf” is named like a PDF file, but it is actually a program (executable file). "
        "Please upload a real PDF, JPEG or PNG file."
    ]
    error = rejected(samples.gif_bytes(), "foto.png", "upload_type_mismatch")
    assert "actually a GIF image" in error.messages[0]


def test_not_allowed_message_lists_the_allowed_kinds():
    error = rejected(samples.gif_bytes(), "animasi.gif", "upload_type_not_allowed")
    assert error.messages == ["“animasi.gif” is not a PDF, JPEG or PNG file. Please choose a different file."]
    error = rejected(samples.png_bytes(), "foto.png", "upload_type_not_allowed", allowed_types={"application/pdf"})
    assert error.messages == ["“foto.png” is not a PDF file. Please choose a different file."]
    pdf_or_jpeg = ["image/jpeg", "application/pdf"]
    error = rejected(samples.gif_bytes(), "a.gif", "upload_type_not_allowed", allowed_types=pdf_or_jpeg)
    assert "is not a PDF or JPEG file." in error.messages[0]
    # An allowed image in a PDF-only field, named .pdf: the name claims PDF, the content is a PNG.
    error = rejected(samples.png_bytes(), "ktp.pdf", "upload_type_mismatch", allowed_types={"application/pdf"})
    assert "actually a PNG image" in error.messages[0]


def test_unknown_allowed_types_are_a_programming_error():
    with pytest.raises(ValueError, match="allowed_types"):
        inspect_upload(upload(samples.pdf_bytes(), "a.pdf"), allowed_types={"image/gif"})
    with pytest.raises(ValueError, match="allowed_types"):
        inspect_upload(upload(samples.pdf_bytes(), "a.pdf"), allowed_types=[])


def test_messages_are_lazy_and_errors_behave_like_validation_errors():
    assert all(isinstance(message, Promise) for message in MESSAGES.values())
    error = rejected(samples.gif_bytes(), "a.gif", "upload_type_not_allowed")
    assert error.params["name"] == "a.gif"
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object, round-tripped
    assert (copy.code, copy.messages) == (error.code, error.messages)


def test_pillow_bomb_checks_are_errors_too(monkeypatch):
    # With our own pixel limit lifted, Pillow's warning (>89 MP) and error (>179 MP) still refuse.
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 10**12)
    rejected(samples.huge_png_bytes(10_000, 9_000), "90mp.png", "upload_image_too_large_dimensions")
    rejected(samples.huge_png_bytes(), "200mp.png", "upload_image_too_large_dimensions")


def test_bomb_message_names_the_limit():
    error = rejected(samples.huge_png_bytes(), "bom.png", "upload_image_too_large_dimensions")
    assert "more than 40 megapixels" in error.messages[0]


# --- size limits --------------------------------------------------------------------------------------------


class _ExplodingFile(io.RawIOBase):
    """A file whose content must never be read."""

    def readable(self):
        return True

    def read(self, size=-1):
        raise AssertionError("the oversize file was read")


class _EndlessFile(io.RawIOBase):
    """A file that never ends, counting how much was read from it."""

    def __init__(self, head: bytes):
        self.head, self.served = head, 0

    def readable(self):
        return True

    def read(self, size=-1):
        assert size is not None and size > 0, "unbounded read of an endless file"
        chunk = (self.head if self.served == 0 else b"")[:size] or b"0" * size
        self.served += len(chunk)
        return chunk


def test_oversize_by_declared_size_is_refused_without_reading():
    uploaded = UploadedFile(file=_ExplodingFile(), name="besar.pdf", size=DEFAULT_MAX_BYTES + 1)
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(uploaded)
    assert caught.value.code == "upload_too_large"
    assert caught.value.messages == [
        "“besar.pdf” is larger than 5 MB. Please upload a smaller file (for example, a photo at lower resolution)."
    ]


def test_oversize_real_file_is_refused():
    rejected(samples.oversize_pdf_bytes(DEFAULT_MAX_BYTES + 1), "besar.pdf", "upload_too_large")


def test_size_limit_is_inclusive_and_per_field():
    pdf = samples.pdf_bytes()
    assert inspect_upload(upload(pdf, "pas.pdf"), max_bytes=len(pdf)).size == len(pdf)
    error = rejected(pdf, "lebih.pdf", "upload_too_large", max_bytes=len(pdf) - 1)
    assert "larger than 0.1 MB" in error.messages[0]
    with translation.override("id"):  # rendered when shown, with the reader's decimal comma
        assert "0,1 MB" in error.messages[0]
    error = rejected(samples.oversize_pdf_bytes(3 * 1024 * 1024), "tiga.pdf", "upload_too_large", max_bytes=2 << 20)
    assert "larger than 2 MB" in error.messages[0]


def test_a_lying_size_does_not_pass():
    uploaded = upload(samples.oversize_pdf_bytes(DEFAULT_MAX_BYTES + 1000), "kecil.pdf")
    uploaded.size = 100  # a spoofed length
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(uploaded)
    assert caught.value.code == "upload_too_large"


def test_an_endless_stream_is_cut_off_just_past_the_limit():
    endless = _EndlessFile(b"%PDF-1.7\n")
    uploaded = UploadedFile(file=endless, name="tanpa-akhir.pdf", size=10)
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(uploaded, max_bytes=1024 * 1024)
    assert caught.value.code == "upload_too_large"
    assert endless.served == 1024 * 1024 + 1  # not a byte more than needed to know


# --- names --------------------------------------------------------------------------------------------------


def test_private_upload_name_format():
    now = datetime(2025, 3, 7, 10, 30, tzinfo=UTC)
    name = private_upload_name(prefix="permohonan/akta", extension=".pdf", now=now)
    assert re.fullmatch(r"permohonan/akta/2025/03/[0-9a-f]{32}\.pdf", name)
    other = private_upload_name(prefix="permohonan/akta", extension=".pdf", now=now)
    assert other != name
    assert re.fullmatch(r"x/\d{4}/\d{2}/[0-9a-f]{32}\.png", private_upload_name(prefix="x/", extension=".png"))


@pytest.mark.parametrize(
    ("prefix", "extension"),
    [("ok", ".exe"), ("ok", "pdf"), ("ok", ".PDF"), ("", ".pdf"), ("a/../b", ".pdf"), ("/", ".jpg")],
)
def test_private_upload_name_refuses_bad_parts(prefix, extension):
    with pytest.raises(ValueError):
        private_upload_name(prefix=prefix, extension=extension)


def test_stored_name_carries_nothing_from_the_citizen_name():
    citizen_name = "KTP Budi Santoso 3171234567890001.php.png"
    clean = inspect_upload(upload(samples.jpeg_bytes(), citizen_name))
    stored = private_upload_name(prefix="permohonan", extension=clean.extension)
    assert clean.original_name == citizen_name  # kept, as data
    assert stored.endswith(".jpg")  # from the sniffed type, not ".png" from the name
    for part in ("KTP", "Budi", "Santoso", "3171234567890001", "php", ".png"):
        assert part not in stored


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("surat.pdf", "surat.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\fakepath\\Akta Lahir.pdf", "Akta Lahir.pdf"),
        ("a\x00b\r\nc\x1b[31m.pdf", "abc[31m.pdf"),
        ("foto\u202egpj.exe", "fotogpj.exe"),  # right-to-left override that disguises the real extension
        ("  spasi.pdf  ", "spasi.pdf"),
        ("..", ""),
        ("dir/", ""),
        ("", ""),
        ("e\u0301.pdf", "\u00e9.pdf"),  # normalised to NFC
    ],
)
def test_clean_original_name(raw, expected):
    assert clean_original_name(raw) == expected


def test_clean_original_name_truncates_keeping_the_extension():
    cleaned = clean_original_name("a" * 300 + ".pdf")
    assert len(cleaned) == 200 and cleaned.endswith("a.pdf")
    assert len(clean_original_name("b" * 300)) == 200


@given(st.text(max_size=400))
def test_clean_original_name_property(raw):
    cleaned = clean_original_name(raw)
    assert len(cleaned) <= 200
    assert "/" not in cleaned and "\\" not in cleaned
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in cleaned)
    assert cleaned not in (".", "..")


def test_unnamed_file_still_gets_a_message():
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(upload(b"", "\u202e"))  # a name that cleans to nothing
    assert caught.value.messages == ["“unnamed file” is empty. Please choose the file again and upload it."]


# --- anything else is refused, never crashes ----------------------------------------------------------------

_HEADS = [b"", b"%PDF-1.4\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"MZ", b"\x7fELF", b"<svg"]


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.sampled_from(_HEADS), body=st.binary(max_size=2048), name=st.sampled_from(["a.pdf", "b.jpg", "c"]))
def test_arbitrary_bytes_are_accepted_cleanly_or_refused(head, body, name):
    try:
        clean = inspect_upload(upload(head + body, name))
    except UploadRejected as error:
        assert error.code in MESSAGES
    else:
        assert clean.content_type in ALLOWED_TYPES and clean.size == len(clean.content) > 0


# --- virus scanning -----------------------------------------------------------------------------------------


def _free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_scanning_is_off_by_default(settings):
    settings.CLAMAV_SOCKET = "/nonexistent/clamd.sock"
    assert not getattr(settings, "CLAMAV_ENABLED", False)
    scan_for_viruses(samples.EICAR)  # no daemon, no error: scanning is switched off
    assert inspect_upload(upload(samples.pdf_bytes(), "a.pdf")).extension == ".pdf"


def test_fails_closed_when_no_daemon_listens_on_the_socket(settings, tmp_path_factory):
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = str(tmp_path_factory.mktemp("nosock") / "clamd.sock")
    error = rejected(samples.pdf_bytes(), "akta.pdf", "upload_scan_unavailable")
    assert error.messages == ["“akta.pdf” could not be checked right now. Please try again later."]


def test_fails_closed_when_no_daemon_listens_on_the_port(settings):
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST = "127.0.0.1"
    settings.CLAMAV_PORT = _free_tcp_port()
    settings.CLAMAV_TIMEOUT = 2
    rejected(samples.pdf_bytes(), "akta.pdf", "upload_scan_unavailable")
    with pytest.raises(UploadRejected) as caught:
        scan_for_viruses(b"anything")
    assert caught.value.code == "upload_scan_unavailable"


@contextlib.contextmanager
def _fake_clamd(socket_path: str, reply: bytes | None):
    """A one-connection stand-in daemon on a unix socket: reads the INSTREAM, then answers `reply` (or nothing)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(socket_path)
    server.listen(1)
    done = threading.Event()

    def serve():
        connection, _ = server.accept()
        with connection:
            received = b""
            while not received.endswith(b"\x00\x00\x00\x00"):  # the zero-length chunk ends the stream
                part = connection.recv(65536)
                if not part:
                    break
                received += part
            if reply is None:
                done.wait(5)  # hang, like a stuck daemon
            else:
                connection.sendall(reply)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join(5)
        server.close()


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        (b"stream: OK\n", None),
        (b"stream: Some.Virus FOUND\n", "upload_virus"),
        (b"INSTREAM size limit exceeded. ERROR\n", "upload_scan_unavailable"),
        (b"stream: Can't allocate memory ERROR\n", "upload_scan_unavailable"),
        (b"garbled\n", "upload_scan_unavailable"),
        (b"", "upload_scan_unavailable"),  # connection closed without an answer
        (None, "upload_scan_unavailable"),  # no answer within CLAMAV_TIMEOUT
    ],
)
def test_daemon_answers_are_read_strictly(settings, tmp_path_factory, reply, code):
    socket_path = str(tmp_path_factory.mktemp("fake") / "clamd.sock")
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = socket_path
    settings.CLAMAV_TIMEOUT = 0.5
    with _fake_clamd(socket_path, reply):
        if code is None:
            assert inspect_upload(upload(samples.pdf_bytes(), "akta.pdf")).extension == ".pdf"
        else:
            rejected(samples.pdf_bytes(), "akta.pdf", code)


@pytest.fixture
def real_clamd(settings, clamd_daemon):  # noqa: F811 - the harness fixture, imported above
    settings.CLAMAV_ENABLED = True
    settings.CLAMAV_SOCKET = clamd_daemon.socket_path
    settings.CLAMAV_TIMEOUT = 10
    return clamd_daemon


def test_real_clamd_refuses_eicar(real_clamd):
    # Scanned before the type checks: the virus is named as such, not as a wrong file type.
    error = rejected(samples.EICAR, "eicar.pdf", "upload_virus")
    assert error.messages == [
        "“eicar.pdf” was refused because it contains a virus or other harmful content. "
        "Please check your device and upload a clean file."
    ]
    with pytest.raises(UploadRejected) as caught:
        scan_for_viruses(samples.EICAR)
    assert caught.value.code == "upload_virus"
    assert SIGNATURE_NAME in real_clamd.log_path.read_text()


def test_real_clamd_sees_eicar_hidden_after_a_jpeg(real_clamd):
    # Re-encoding would drop the payload, but the bytes as sent are scanned first.
    rejected(samples.jpeg_bytes() + samples.EICAR, "foto.jpg", "upload_virus")


def test_real_clamd_passes_clean_files(real_clamd):
    assert inspect_upload(upload(samples.pdf_bytes(), "akta.pdf")).extension == ".pdf"
    assert inspect_upload(upload(samples.jpeg_with_exif_bytes(), "ktp.jpg")).extension == ".jpg"
    big = samples.oversize_pdf_bytes(DEFAULT_MAX_BYTES)  # the largest allowed upload streams through
    scan_for_viruses(big)
    assert real_clamd.start_seconds < 60
