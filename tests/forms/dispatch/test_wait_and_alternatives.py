"""A citizen whose card waits for a blank knows their place and the day, sees plainly when blanks ran out, and may
take IKD or a temporary certificate instead; the public sees each kecamatan's stock as counts only."""

import datetime
import zoneinfo
from io import BytesIO

import pytest
import time_machine
from django.core import mail
from django.test import Client
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus, Processing
from forms.dispatch.alternatives import card_replace_by_ikd, temporary_certificate_issue
from forms.dispatch.models import BlankStockSettings, CardAlternative, RestockRequest
from forms.dispatch.selectors import dispatch_dashboard, print_wait
from forms.dispatch.services import blank_spoil, card_print
from forms.documents.models import IssuedDocument
from forms.documents.selectors import document_for_citizen
from forms.models import Application
from forms.visits.models import VisitBooking
from tests.forms.conftest import make_citizen
from tests.forms.s3_faults import SwitchableProxy, private_s3_storage, stored_keys

from .conftest import approved_for_print, stock_up, unused

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
TODAY = datetime.date(2026, 8, 12)  # a Wednesday; the four weeks before it hold 20 working days
NOW = datetime.datetime(2026, 8, 12, 10, 0, tzinfo=WITA)
OUT_OF_BLANKS = "blanko di kecamatan anda sedang habis"


def _history(staff, kota, *, stock_after: int):
    """One card printed on each of the 20 working days before and including today: a print rate of 1 a day."""
    with time_machine.travel(datetime.datetime(2026, 7, 15, 8, 0, tzinfo=WITA), tick=False):
        stock_up(staff, kota, 20 + stock_after)
    day = datetime.date(2026, 7, 16)
    while day <= TODAY:
        if day.weekday() < 5:
            with time_machine.travel(datetime.datetime.combine(day, datetime.time(8, 0), tzinfo=WITA), tick=False):
                card_print(application=approved_for_print(staff), by=staff["operator"])
        day += datetime.timedelta(days=1)


def _waiting(staff, citizen, count=3):
    """Cards approved this morning, one minute apart; the last one is the citizen's own."""
    applications = []
    for minute in range(count):
        with time_machine.travel(datetime.datetime(2026, 8, 12, 9, minute, tzinfo=WITA), tick=False):
            applications.append(approved_for_print(staff))
    mine = applications[-1]
    Application.objects.filter(pk=mine.pk).update(applicant=citizen)
    mine.refresh_from_db()
    return applications, mine


@pytest.fixture
def citizen(seeded):
    return make_citizen("ani@example.org", "Ani Lestari")


def _page(citizen, application) -> str:
    client = Client()
    client.force_login(citizen)
    return client.get(f"/permohonan/{application.tracking_number}/").content.decode()


def test_position_and_estimated_day_follow_the_print_history_and_stop_when_blanks_run_out(staff, kota, citizen):
    _history(staff, kota, stock_after=3)
    with time_machine.travel(NOW, tick=False):
        applications, mine = _waiting(staff, citizen)
        wait = print_wait(mine)
        # 3rd in the list, 3 blanks left, 1 card a working day: the 3rd working day after today, 17 August a holiday.
        assert (wait.position, wait.stock, wait.rate) == (3, 3, 1.0)
        assert wait.estimated_date == datetime.date(2026, 8, 18)
        page = _page(citizen, mine)
        assert "nomor 3 dalam antrean cetak" in page and "Selasa, 18 Agustus 2026" in page

        card_print(application=applications[0], by=staff["operator"])
        wait = print_wait(mine)
        # 2nd now, and 21 prints in the 20 working days: ceil(2 / 1.05) = 2 working days.
        assert (wait.position, wait.stock, wait.estimated_date) == (2, 2, datetime.date(2026, 8, 14))
        assert "nomor 2 dalam antrean cetak" in _page(citizen, mine)

        blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial=unused(kota)[0])
        wait = print_wait(mine)
        assert wait.blanks_short and wait.estimated_date is None

        blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial=unused(kota)[0])
        wait = print_wait(mine)
        assert wait.out_of_blanks and wait.estimated_date is None and wait.position == 2
        page = _page(citizen, mine)
        assert OUT_OF_BLANKS in page.lower() and "18 Agustus" not in page
        assert f"/permohonan/{mine.tracking_number}/ganti-ikd/" in page


def test_no_date_is_promised_without_a_recent_print(staff, kota, citizen):
    stock_up(staff, kota, 5)
    _applications, mine = _waiting(staff, citizen, count=1)
    wait = print_wait(mine)
    assert (wait.position, wait.rate, wait.estimated_date) == (1, 0.0, None)
    assert "tanggal belum dapat diperkirakan" in _page(citizen, mine)


def test_choosing_ikd_instead_closes_the_card_application_and_books_the_visit_once(staff, kota, citizen):
    with time_machine.travel(NOW, tick=False):
        _applications, mine = _waiting(staff, citizen, count=1)
        client = Client()
        client.force_login(citizen)
        url = f"/permohonan/{mine.tracking_number}/ganti-ikd/"
        assert client.get(url).status_code == 200
        refused = client.post(url, {"tanggal_kunjungan": "2026-08-13"})  # no consent ticked
        assert refused.status_code == 200 and not CardAlternative.objects.exists()
        summary = refused.content.decode().split('id="error-summary"')[1].split("</div>")[0]
        assert "Mohon perbaiki isian yang ditandai" in summary and 'href="#id_consent"' in summary
        done = client.post(url, {"tanggal_kunjungan": "2026-08-13", "consent": "on"})
        assert done.status_code == 302
        again = client.post(url, {"tanggal_kunjungan": "2026-08-14", "consent": "on"})
        assert again.status_code == 409

    mine.refresh_from_db()
    assert mine.status == ApplicationStatus.ARCHIVED
    assert mine.history.last().note == "Diganti IKD"
    alternative = CardAlternative.objects.get()
    assert alternative.kind == CardAlternative.Kind.IKD and "IKD" in alternative.consent_text
    booking = VisitBooking.objects.get()
    assert booking == alternative.visit_booking and booking.date == datetime.date(2026, 8, 13)
    ikd = booking.application
    assert (ikd.processing, ikd.status, ikd.applicant, ikd.nik) == (
        Processing.VISIT,
        ApplicationStatus.SUBMITTED,
        citizen,
        mine.nik,
    )
    assert done["Location"].endswith(f"/permohonan/{ikd.tracking_number}/tanda-terima/")
    assert ModelLogEntry.objects.filter(action="dispatch.ikd_instead").count() == 1
    assert "Diganti IKD" in _page(citizen, mine)
    # Someone else cannot do it for the citizen.
    other = Client()
    other.force_login(make_citizen("budi@example.org", "Budi"))
    assert other.get(f"/permohonan/{mine.tracking_number}/ganti-ikd/").status_code == 404


def test_ikd_instead_is_refused_while_blanks_reach_the_citizens_place(staff, kota, citizen):
    stock_up(staff, kota, 5)
    _applications, mine = _waiting(staff, citizen, count=1)
    with pytest.raises(Exception, match="kartu Anda akan dicetak"):
        card_replace_by_ikd(application=mine, applicant=citizen, day=TODAY, consent_text="ya")
    assert not VisitBooking.objects.exists()


def test_the_operator_issues_a_temporary_certificate_with_a_qr_to_the_verification_page(staff, kota, citizen):
    application = approved_for_print(staff)
    with pytest.raises(Exception, match="belum memeriksa"):
        temporary_certificate_issue(application=application, by=staff["operator"])
    settings_row = BlankStockSettings.load()
    settings_row.temporary_certificate_reviewed = True
    settings_row.temporary_certificate_text = "Menerangkan bahwa {name} ({tracking_number}) menunggu blanko."
    settings_row.save()
    client = Client()
    client.force_login(staff["operator"])
    client.post(f"/admin/cetak/{kota.pk}/", {"action": "certificate", "application": application.pk})
    document = IssuedDocument.objects.get(application=application)
    assert CardAlternative.objects.get(kind=CardAlternative.Kind.CERTIFICATE).document == document
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PRINT_APPROVED  # the card still waits
    pdf = client.get(f"/admin/cetak/{kota.pk}/surat-keterangan/{application.pk}/")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(b"".join(pdf.streaming_content))).pages)
    assert "Surat Keterangan pengganti KTP-el" in text and f"Budi Santoso ({application.tracking_number})" in text
    verify = Client().get(f"/verifikasi/{document.code}/")
    assert verify.status_code == 200 and "Surat Keterangan pengganti KTP-el" in verify.content.decode()
    # Once per application.
    with pytest.raises(Exception, match="sudah diterbitkan"):
        temporary_certificate_issue(application=application, by=staff["operator"])
    # It stands in for the card at the office; the citizen is never offered it as "their document", even archived.
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.ARCHIVED)
    application.refresh_from_db()
    assert document_for_citizen(application) is None


def test_the_public_stock_page_shows_counts_only(staff, kota, citizen):
    stock_up(staff, kota, 7)
    waiting = approved_for_print(staff)
    page = Client().get("/stok-blanko/").content.decode()
    assert "Balikpapan Kota" in page and "Balikpapan Utara" in page
    row = page.split("Balikpapan Kota</th>")[1].split("</tr>")[0]
    assert "<td>7</td>" in row and "<td>1</td>" in row
    for personal in (waiting.tracking_number, waiting.applicant_name, waiting.nik, waiting.nik[:6] + "*"):
        assert personal not in page


def test_days_of_stock_left_show_on_the_dashboard_and_one_restock_request_goes_out(
    staff, kota, citizen, django_capture_on_commit_callbacks
):
    settings_row = BlankStockSettings.load()
    settings_row.restock_days_threshold = 3
    settings_row.save()
    _history(staff, kota, stock_after=5)
    with time_machine.travel(NOW, tick=False):
        (row,) = [r for r in dispatch_dashboard(user=staff["siak_admin"]) if r.kecamatan == kota]
        assert (row.stock.on_hand, row.days_left) == (5, 5)
        mail.outbox.clear()
        for _ in range(4):
            with django_capture_on_commit_callbacks(execute=True):
                card_print(application=approved_for_print(staff), by=staff["operator"])
        requests = [m for m in mail.outbox if "Permintaan tambahan blanko" in m.subject]
        assert len(requests) == 1 and set(requests[0].to) == {staff["siak_admin"].email, staff["section_head"].email}
        assert RestockRequest.objects.filter(kecamatan=kota, answered_by__isnull=True).count() == 1
        receipt = stock_up(staff, kota, 10)
        assert RestockRequest.objects.get().answered_by == receipt
        page = Client()
        page.force_login(staff["siak_admin"])
        assert "Sisa hari stok" in page.get("/admin/cetak/").content.decode()


def test_an_s3_outage_issues_no_certificate_keeps_no_file_and_says_so(staff, kota, citizen, settings, s3_endpoint):
    application = approved_for_print(staff)
    settings_row = BlankStockSettings.load()
    settings_row.temporary_certificate_reviewed = True
    settings_row.save()
    host, port = s3_endpoint.removeprefix("http://").split(":")
    proxy = SwitchableProxy((host, int(port)))
    try:
        storage = private_s3_storage(settings, proxy.url)
        proxy.down()
        client = Client()
        client.force_login(staff["operator"])
        response = client.post(
            f"/admin/cetak/{kota.pk}/", {"action": "certificate", "application": application.pk}, follow=True
        )
        assert "Tidak ada yang disimpan" in response.content.decode()
        assert not IssuedDocument.objects.filter(application=application).exists()
        assert not CardAlternative.objects.exists()
        assert not ModelLogEntry.objects.filter(action="dispatch.temporary_certificate").exists()
        proxy.up()
        assert stored_keys(s3_endpoint, storage) == []
    finally:
        proxy.down()
