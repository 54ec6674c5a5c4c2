"""The confirmation page and receipt say what happens next; the PDF carries the QR; the steps fit the case."""

import datetime
import html
import re
from io import BytesIO

import pytest
import segno
import time_machine
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from forms.constants import ApplicationStatus, DeliveryMethod, Processing
from forms.intake.progress import application_progress, next_step
from forms.intake.timeline import status_change_record
from forms.models import Application
from services.models import Kecamatan

from ..conftest import make_citizen
from ..helpers import VALID_NIK, lost_card_form, lost_card_post, signed_in, tracking_from

pytestmark = pytest.mark.django_db

WITA = datetime.timezone(datetime.timedelta(hours=8))
OFFICE_ADDRESS = "Jl. Jenderal Sudirman No. 1, Klandasan Ilir"
# Tuesday 1 December 2026, 10:00 WITA: before the 14:00 cut-off, so one working day ends the same day at 16:00.
SUBMITTED_AT = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=WITA)


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def applied(citizen):
    """The citizen's lost-card application, submitted on a Tuesday morning, to Balikpapan Kota (with its address)."""
    Kecamatan.objects.filter(name="Balikpapan Kota").update(address=OFFICE_ADDRESS)
    # The whole test runs on that morning: the session's own clock must not jump.
    with time_machine.travel(SUBMITTED_AT):
        client = signed_in(citizen)
        response = client.post(lost_card_form().url, lost_card_post())
        yield client, Application.objects.get(tracking_number=tracking_from(response))


def _move(application, *statuses):
    for status in statuses:
        status_change_record(application, to_status=status)
    return Application.objects.get(pk=application.pk)


def test_receipt_says_the_deadline_the_next_step_who_takes_it_and_where_to_collect(applied):
    client, application = applied
    response = client.get(f"/permohonan/{application.tracking_number}/tanda-terima/")
    assert response.status_code == 200, response.get("Location")
    assert "no-store" in response["Cache-Control"]
    text = _text(response)
    assert application.tracking_number in text
    assert "Selesai paling lambat Selasa, 1 Desember 2026, pukul 16.00 WITA" in text
    assert "Apa yang terjadi selanjutnya" in text
    assert "Pemeriksaan persyaratan · Oleh: Operator Kecamatan Balikpapan Kota" in text
    assert f"Kecamatan Balikpapan Kota, {OFFICE_ADDRESS}" in text
    assert "Senin sampai Jumat, pukul 08.00–16.00 WITA, kecuali hari libur nasional dan cuti bersama" in text
    # A lost card cannot be brought back: the receipt asks only for itself.
    assert "Bawa tanda terima ini (dicetak atau di ponsel Anda)" in text
    assert "KTP-el lama" not in text
    body = response.content.decode()
    # Printing works without JavaScript: a link to the PDF; the print button only shows once the script runs.
    assert f'href="/permohonan/{application.tracking_number}/tanda-terima.pdf"' in body
    assert re.search(r"<button[^>]*data-print[^>]*hidden", body)


def test_receipt_pdf_is_the_owners_only_never_cached_and_carries_the_tracking_qr(applied, other_citizen, client):
    owner, application = applied
    url = f"/permohonan/{application.tracking_number}/tanda-terima.pdf"
    response = owner.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    reader = PdfReader(BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert application.tracking_number in text
    assert "Selesai paling lambat Selasa, 1 Desember 2026, 16.00 WITA" in text
    assert "Pemeriksaan persyaratan" in text and "Operator Kecamatan Balikpapan Kota" in text
    assert application.masked_nik in text and VALID_NIK not in text
    tracking_url = f"http://testserver/lacak/?nomor={application.tracking_number}"
    assert tracking_url in text
    # The QR is drawn one filled square per dark module of that very link's code, as the page's SVG is.
    dark_modules = sum(sum(bool(module) for module in row) for row in segno.make(tracking_url, error="m").matrix)
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert len(re.findall(r" re\b", content)) >= dark_modules
    assert other_citizen and signed_in(other_citizen).get(url).status_code == 404
    assert client.get(url).status_code == 302  # anonymous: to the login


def test_the_stepper_shows_every_card_step_done_current_with_its_deadline_and_to_come(applied):
    client, application = applied
    application = _move(application, ApplicationStatus.ACCEPTED)
    steps = application_progress(application)
    assert [step.reaches for step in steps] == [
        "submitted",
        "accepted",
        "siak_entered",
        "print_approved",
        "ready_for_pickup",
        "handed_over",
        "archived",
    ]
    assert [step.state for step in steps] == ["done", "done", "current", "todo", "todo", "todo", "todo"]
    current = next_step(steps)
    assert current.title == "Data diinput ke SIAK" and current.due == application.due_at
    assert current.actor == "Operator Kecamatan Balikpapan Kota"
    assert steps[4].title == "KTP Elektronik dicetak"
    body = client.get(application.get_absolute_url()).content.decode()
    current_item = re.search(r'<li class="step step-current" aria-current="step">(.*?)</li>', body, re.S).group(1)
    assert "Data diinput ke SIAK" in current_item
    assert "Paling lambat Selasa, 1 Desember 2026, pukul 16.00 WITA" in html.unescape(current_item)
    assert body.count('class="step step-done"') == 2 and body.count('class="step step-todo"') == 4


def test_the_ready_step_asks_each_case_for_what_it_has_and_gives_the_office_address_and_hours(applied):
    client, application = applied
    application = _move(
        application,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.SIAK_ENTERED,
        ApplicationStatus.PRINT_APPROVED,
        ApplicationStatus.READY_FOR_PICKUP,
    )
    text = _text(client.get(application.get_absolute_url()))
    assert "Diambil di kecamatan" in text
    assert "Ambil di kantor Kecamatan Balikpapan Kota" in text and OFFICE_ADDRESS in text
    assert "Senin sampai Jumat, pukul 08.00–16.00 WITA" in text
    # A lost card is gone: nobody asks for it, nor for an old card.
    assert "KTP-el lama" not in text and "KTP-el yang rusak" not in text
    assert "KTP-el lama" not in str(application.status_meaning)
    # The same steps for a damaged card ask for the damaged card, and for changed data the old one.
    Application.objects.filter(pk=application.pk).update(variant_code="rusak")
    assert "Bawa tanda terima ini (dicetak atau di ponsel Anda); KTP-el yang rusak" in _text(
        client.get(application.get_absolute_url())
    )
    Application.objects.filter(pk=application.pk).update(variant_code="perubahan-data")
    assert "KTP-el lama" in _text(client.get(application.get_absolute_url()))


def test_a_courier_application_is_delivered_and_nobody_is_asked_to_come(applied):
    _client, application = applied
    Application.objects.filter(pk=application.pk).update(delivery_method=DeliveryMethod.COURIER)
    application = Application.objects.get(pk=application.pk)
    steps = application_progress(application)
    assert [step.reaches for step in steps][-3:] == ["in_delivery", "handed_over", "archived"]
    assert not any(step.pickup for step in steps)
    assert steps[-2].title == "Diterima dari jasa pengiriman"


def test_returned_and_rejected_applications_wait_on_the_citizen_or_end_with_no_deadline(applied):
    client, application = applied
    application = _move(application, ApplicationStatus.RETURNED)
    steps = application_progress(application)
    current = next_step(steps)
    assert current.reaches == "returned" and current.actor == "Anda" and current.due is None
    assert [step.state for step in steps][:3] == ["done", "current", "todo"]
    assert "Selesai paling lambat" not in _text(client.get(f"/permohonan/{application.tracking_number}/tanda-terima/"))
    application = _move(application, ApplicationStatus.REJECTED)
    steps = application_progress(application)
    assert [(step.reaches, step.state) for step in steps] == [("submitted", "done"), ("rejected", "ended")]
    assert next_step(steps) is None


def test_digital_documents_are_certified_and_sent_and_an_ikd_visit_is_one_visit(applied):
    _client, application = applied
    application.processing = Processing.DIGITAL
    assert [step.reaches for step in application_progress(application)] == [
        "submitted",
        "accepted",
        "siak_entered",
        "certification_requested",
        "certified",
        "sent",
        "archived",
    ]
    application.processing = Processing.VISIT
    steps = application_progress(application)
    assert [step.reaches for step in steps] == ["submitted", "handed_over", "archived"]
    # The visit day is the citizen's: the office's one-day deadline is not shown as theirs.
    assert next_step(steps).actor == "Anda" and next_step(steps).due is None


def test_a_finished_application_shows_no_deadline(applied):
    _client, application = applied
    application = _move(
        application,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.SIAK_ENTERED,
        ApplicationStatus.PRINT_APPROVED,
        ApplicationStatus.READY_FOR_PICKUP,
        ApplicationStatus.HANDED_OVER,
    )
    steps = application_progress(application)
    assert [step.state for step in steps][-2:] == ["done", "current"]
    assert all(step.due is None for step in steps)
    assert all(step.at is not None and step.at <= timezone.now() for step in steps if step.state == "done")


def test_a_second_citizen_cannot_open_the_steps(applied):
    _client, application = applied
    stranger = make_citizen("orang.lain@example.org", "Orang Lain")
    assert signed_in(stranger).get(application.get_absolute_url()).status_code == 404


def test_the_ready_email_says_where_when_and_what_to_bring_for_this_case(applied, django_capture_on_commit_callbacks):
    _client, application = applied
    _move(application, ApplicationStatus.ACCEPTED, ApplicationStatus.SIAK_ENTERED, ApplicationStatus.PRINT_APPROVED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _move(application, ApplicationStatus.READY_FOR_PICKUP)
    [ready] = mail.outbox
    assert "Siap diambil di kecamatan" in ready.subject
    assert f"Kantor: Kecamatan Balikpapan Kota, {OFFICE_ADDRESS}" in ready.body
    assert "Jam pelayanan: Senin sampai Jumat, pukul 08.00–16.00 WITA" in ready.body
    assert "Bawa: tanda terima ini (dicetak atau di ponsel Anda)\n" in ready.body
    assert "KTP-el lama" not in ready.body
