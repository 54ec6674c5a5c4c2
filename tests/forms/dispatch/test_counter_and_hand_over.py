"""The counter path for a first KTP-el, then pickup or courier hand-over, the weekly return and scope."""

import datetime
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from wagtail.models import ModelLogEntry

from forms.constants import ApplicationStatus, Channel
from forms.dispatch.constants import LedgerKind
from forms.dispatch.models import BlankLedgerEntry, HandOver, ReturnManifest
from forms.dispatch.selectors import dispatch_dashboard
from forms.dispatch.services import (
    blank_spoil,
    card_courier_deliver,
    card_courier_dispatch,
    card_hand_over,
    card_print,
    card_print_failed,
    manifest_confirm,
    manifest_prepare,
)
from forms.models import Application
from forms.review.transitions import application_transition

from ..helpers import VALID_NIK, lost_card_form, lost_card_post, signed_in, tracking_from
from .conftest import approved_for_print, counter_application, ktp_service, stock_up, unused

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def test_a_first_ktp_el_is_recorded_at_the_counter_and_follows_the_same_path(staff, kota):
    application = counter_application(staff["operator"], variant_code="baru")
    assert application.channel == Channel.COUNTER
    assert application.applicant is None and application.recorded_by == staff["operator"]
    assert application.kecamatan == kota and application.variant_name == "KTP Elektronik Baru"
    assert application.status == S.ACCEPTED  # the documents were checked at the counter
    assert list(application.history.values_list("to_status", flat=True)) == [S.SUBMITTED, S.ACCEPTED]
    assert application.due_at is not None
    assert ModelLogEntry.objects.filter(object_id=str(application.pk), action="intake.record_at_counter").exists()
    # Returning a walk-in for online correction makes no sense: the citizen comes back to the counter.
    with pytest.raises(ValidationError):
        application_transition(
            application=application,
            action="return",
            by=staff["operator"],
            expected_status=S.ACCEPTED,
            reasons=[("x", "y")],
        )


def test_the_counter_form_lists_the_new_card_variant_and_refuses_missing_documents(staff):
    client = signed_in(staff["operator"])
    choose = client.get("/admin/permohonan/loket/")
    assert choose.status_code == 200
    assert "KTP Elektronik Baru" in choose.content.decode()
    service = ktp_service()
    key = f"{service.pk}:baru"
    form = client.get("/admin/permohonan/loket/", {"variant": key})
    requirements = list(next(b.value for b in service.variants if b.value["code"] == "baru")["requirements"])
    for requirement in requirements:
        assert requirement in form.content.decode()
    bad = client.post(
        "/admin/permohonan/loket/",
        {
            "variant": key,
            "applicant_name": "Budi",
            "nik": "123",
            "kk_number": "6471060101100007",
            "delivery_method": "courier",
            "delivery_address": "",
            "documents_seen": requirements[:-1],
        },
    )
    page = bad.content.decode()
    assert bad.status_code == 200
    assert "NIK terdiri atas 16 digit; Anda memasukkan 3 digit." in page
    assert "Setiap persyaratan harus ditunjukkan di loket" in page
    assert "Masukkan alamat tujuan pengiriman." in page
    assert not Application.objects.filter(channel=Channel.COUNTER).exists()

    good = client.post(
        "/admin/permohonan/loket/",
        {
            "variant": key,
            "applicant_name": "Budi Santoso",
            "nik": VALID_NIK,
            "kk_number": "6471060101100007",
            "delivery_method": "pickup",
            "documents_seen": requirements,
        },
    )
    application = Application.objects.get(channel=Channel.COUNTER)
    assert good["Location"] == f"/admin/permohonan/loket/{application.pk}/tanda-terima/"
    receipt = client.get(good["Location"]).content.decode()
    assert application.tracking_number in receipt and "<svg" in receipt


def _refused(response):
    """Wagtail answers a PermissionDenied in its admin by sending the user back to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_only_an_operator_records_walk_ins(staff):
    for name in ("verifier", "section_head", "head_of_office"):
        assert _refused(signed_in(staff[name]).get("/admin/permohonan/loket/")), name


def test_pickup_at_the_counter_records_who_collected_and_the_old_card(staff, kota, django_capture_on_commit_callbacks):
    stock_up(staff, kota, 10)
    application = approved_for_print(staff)
    with django_capture_on_commit_callbacks(execute=True):
        application = card_print(application=application, by=staff["operator"], card_serial=unused(kota)[0])
    assert application.status == S.READY_FOR_PICKUP
    ready_mail = [
        m for m in mail.outbox if application.tracking_number in m.subject or application.tracking_number in m.body
    ]
    assert ready_mail and ready_mail[-1].to == ["budi@example.org"]
    assert "Siap diambil" in ready_mail[-1].body or "siap" in ready_mail[-1].body.lower()

    with pytest.raises(ValidationError) as refused:
        card_hand_over(
            application=application, by=staff["operator"], collected_by_name="Sari", by_proxy=True, collector_nik="12"
        )
    assert set(refused.value.message_dict) == {"collector_nik", "power_of_attorney_checked"}
    application.refresh_from_db()
    assert application.status == S.READY_FOR_PICKUP

    application = card_hand_over(
        application=application,
        by=staff["operator"],
        collected_by_name="Sari Santoso",
        by_proxy=True,
        collector_nik="6471064107950002",
        power_of_attorney_checked=True,
        old_card_taken=True,
    )
    assert application.status == S.HANDED_OVER
    record = HandOver.objects.get(application=application)
    assert (record.collected_by_name, record.by_proxy, record.old_card_taken) == ("Sari Santoso", True, True)
    assert record.masked_collector_nik == "6471********0002"
    old_card = BlankLedgerEntry.objects.get(kind=LedgerKind.OLD_CARD, application=application)
    assert old_card.quantity == 1
    application = application_transition(
        application=application, action="archive", by=staff["operator"], expected_status=S.HANDED_OVER
    )
    assert application.status == S.ARCHIVED


def test_courier_dispatch_then_delivery(staff, kota):
    stock_up(staff, kota, 10)
    application = approved_for_print(staff, delivery_method="courier", delivery_address="Jl. Sudirman 1")
    application = card_print(application=application, by=staff["operator"])
    with pytest.raises(ValidationError) as refused:
        card_courier_dispatch(application=application, by=staff["operator"], courier_name="", courier_reference="")
    assert set(refused.value.message_dict) == {"courier_name", "courier_reference"}
    application = card_courier_dispatch(
        application=application, by=staff["operator"], courier_name="Pos Indonesia", courier_reference="P2611230001"
    )
    assert application.status == S.IN_DELIVERY
    application = card_courier_deliver(application=application, by=staff["operator"], received_by_name="Budi Santoso")
    assert application.status == S.HANDED_OVER
    record = application.hand_over
    assert (record.courier_name, record.courier_reference, record.collected_by_name) == (
        "Pos Indonesia",
        "P2611230001",
        "Budi Santoso",
    )
    assert record.dispatched_at <= record.delivered_at


def test_the_weekly_return_lists_spoiled_blanks_and_old_cards_once_as_data_and_pdf(staff, kota):
    stock_up(staff, kota, 10)
    blk1, blk2, blk3, blk4 = unused(kota, 4)
    first, second = approved_for_print(staff), approved_for_print(staff)
    card_print_failed(application=first, by=staff["operator"], reason="Pita habis", card_serial=blk1)
    card_print(application=first, by=staff["operator"], card_serial=blk2)
    blank_spoil(kecamatan=kota, by=staff["operator"], reason="Tergores", card_serial=blk3)
    card_hand_over(application=first, by=staff["operator"], collected_by_name="Budi", old_card_taken=True)

    manifest = manifest_prepare(kecamatan=kota, by=staff["operator"])
    lines = [line.entry for line in manifest.lines.all()]
    assert [(e.kind, e.spoil_reason, e.card_serial) for e in lines] == [
        (LedgerKind.SPOILED, "failed_print", blk1),
        (LedgerKind.SPOILED, "damaged", blk3),
        (LedgerKind.OLD_CARD, "", ""),
    ]
    returned = BlankLedgerEntry.objects.get(kind=LedgerKind.RETURNED, manifest=manifest)
    assert returned.quantity == 3
    # A second manifest has nothing left to carry: an item goes back once.
    with pytest.raises(ValidationError):
        manifest_prepare(kecamatan=kota, by=staff["operator"])
    card_print_failed(application=second, by=staff["operator"], reason="Macet", card_serial=blk4)
    later = manifest_prepare(kecamatan=kota, by=staff["operator"])
    assert later.lines.count() == 1 and later.number != manifest.number

    with pytest.raises(PermissionDenied):
        manifest_confirm(manifest=manifest, by=staff["operator"], arrived_line_ids=[])
    line_ids = list(manifest.lines.values_list("pk", flat=True))
    manifest_confirm(manifest=manifest, by=staff["siak_admin"], arrived_line_ids=line_ids)
    with pytest.raises(ValidationError):
        manifest_confirm(manifest=manifest, by=staff["section_head"], arrived_line_ids=line_ids)

    client = signed_in(staff["operator"])
    page = client.get(f"/admin/cetak/berita-acara/{manifest.pk}/").content.decode()
    assert manifest.number in page and blk1 in page
    pdf = client.get(f"/admin/cetak/berita-acara/{manifest.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert manifest.number in text and blk1 in text and blk3 in text
    assert "Balikpapan Kota" in text and "Berita Acara" in text


def test_an_operator_of_another_kecamatan_sees_and_touches_nothing_of_this_one(staff, kota):
    stock_up(staff, kota, 10)
    application = approved_for_print(staff)
    card_print_failed(application=application, by=staff["operator"], reason="Pita", card_serial=unused(kota)[0])
    manifest = manifest_prepare(kecamatan=kota, by=staff["operator"])
    card_print(application=application, by=staff["operator"])
    outsider = signed_in(staff["operator_elsewhere"])
    for url in [
        f"/admin/cetak/{kota.pk}/",
        f"/admin/cetak/{kota.pk}/blanko/",
        f"/admin/cetak/{kota.pk}/serah-terima/",
        f"/admin/cetak/{kota.pk}/serah-terima/{application.pk}/",
        f"/admin/cetak/{kota.pk}/berita-acara/",
        f"/admin/cetak/berita-acara/{manifest.pk}/",
        f"/admin/cetak/berita-acara/{manifest.pk}/pdf/",
    ]:
        assert outsider.get(url).status_code == 404, url
        assert outsider.post(url, {"action": "receive"}).status_code in (404, 405), url
    with pytest.raises(PermissionDenied):
        card_hand_over(application=application, by=staff["operator_elsewhere"], collected_by_name="X")
    # Their own overview shows only their office.
    overview = outsider.get("/admin/cetak/", follow=True)
    assert "Balikpapan Utara" in overview.content.decode()
    assert f"/admin/cetak/{kota.pk}/" not in overview.content.decode()
    before = BlankLedgerEntry.objects.count()
    assert (
        outsider.post(f"/admin/cetak/{kota.pk}/", {"action": "print", "application": application.pk}).status_code == 404
    )
    assert BlankLedgerEntry.objects.count() == before
    assert ReturnManifest.objects.count() == 1


def test_city_wide_roles_see_every_office_but_only_operators_act(staff, kota):
    stock_up(staff, kota, 10)
    application = approved_for_print(staff)
    head = signed_in(staff["head_of_office"])
    overview = head.get("/admin/cetak/").content.decode()
    for name in ("Balikpapan Kota", "Balikpapan Utara", "Balikpapan Timur"):
        assert name in overview
    assert head.get(f"/admin/cetak/{kota.pk}/").status_code == 200
    response = head.post(f"/admin/cetak/{kota.pk}/", {"action": "print", "application": application.pk})
    assert _refused(response)
    application.refresh_from_db()
    assert application.status == S.PRINT_APPROVED


def test_the_print_queue_screen_prints_and_refuses_at_zero(staff, kota):
    stock_up(staff, kota, 1)
    first, second = approved_for_print(staff), approved_for_print(staff)
    client = signed_in(staff["operator"])
    page = client.get(f"/admin/cetak/{kota.pk}/").content.decode()
    assert first.tracking_number in page and second.tracking_number in page
    (serial,) = unused(kota)
    client.post(f"/admin/cetak/{kota.pk}/", {"action": "print", "application": first.pk, "print-card_serial": serial})
    response = client.post(
        f"/admin/cetak/{kota.pk}/",
        {"action": "print", "application": second.pk, "print-card_serial": serial},
        follow=True,
    )
    assert "Tidak ada blanko tersisa di Balikpapan Kota" in response.content.decode()
    second.refresh_from_db()
    assert second.status == S.PRINT_APPROVED
    assert BlankLedgerEntry.objects.get(kind="issued").card_serial == serial


def test_the_ledger_screen_records_a_receipt_and_gives_field_errors(staff, kota):
    client = signed_in(staff["operator"])
    bad = client.post(
        f"/admin/cetak/{kota.pk}/blanko/",
        {
            "action": "receive",
            "receive-quantity": "0",
            "receive-shipment_date": "",
            "receive-sender": "",
            "receive-shipment_method": "direct",
        },
    )
    assert bad.status_code == 200 and not BlankLedgerEntry.objects.exists()
    good = client.post(
        f"/admin/cetak/{kota.pk}/blanko/",
        {
            "action": "receive",
            "receive-serial_ranges": "KTP 0012001 - 0014000",
            "receive-quantity": "2000",
            "receive-shipment_date": datetime.date.today().isoformat(),
            "receive-sender": "Disdukcapil",
            "receive-shipment_method": "courier",
        },
    )
    assert good.status_code == 302
    assert BlankLedgerEntry.objects.get().quantity == 2000
    page = client.get(f"/admin/cetak/{kota.pk}/blanko/").content.decode()
    assert "2000" in page and "KTP0012001–KTP0014000" in page


def test_dashboards_show_stock_prints_spoilage_waiting_and_overdue_in_each_users_scope(staff, kota):
    stock_up(staff, kota, 200)
    printed, failed = approved_for_print(staff), approved_for_print(staff)
    card_print(application=printed, by=staff["operator"])
    card_print_failed(application=failed, by=staff["operator"], reason="Macet", card_serial=unused(kota)[0])
    counter_application(staff["operator"])  # one more waiting for SIAK entry

    rows = {row.kecamatan.name: row for row in dispatch_dashboard(user=staff["head_of_office"])}
    assert len(rows) == 6
    kota_row = rows["Balikpapan Kota"]
    assert (kota_row.stock.on_hand, kota_row.printed_today, kota_row.spoiled_today) == (198, 1, 1)
    assert kota_row.spoilage_percent == 50.0 and kota_row.low  # 198 is below the default threshold of 200
    assert kota_row.waiting == {"accepted": 1, "print_approved": 1, "ready_for_pickup": 1}
    assert rows["Balikpapan Utara"].stock.on_hand == 0

    assert [row.kecamatan.name for row in dispatch_dashboard(user=staff["operator_elsewhere"])] == ["Balikpapan Utara"]
    head_home = signed_in(staff["section_head"]).get("/admin/").content.decode()
    assert "Cetak KTP-el dan blanko" in head_home and "Balikpapan Timur" in head_home and "Menipis" in head_home
    outsider_home = signed_in(staff["operator_elsewhere"]).get("/admin/").content.decode()
    assert "Balikpapan Utara" in outsider_home and ">Balikpapan Kota<" not in outsider_home
    overview = signed_in(staff["head_of_office"]).get("/admin/cetak/").content.decode()
    assert "Kartu dicetak per hari" in overview


def test_the_print_queue_and_book_pages_run_a_flat_number_of_queries(staff, kota):
    client = signed_in(staff["operator"])
    stock_up(staff, kota, 100)
    client.get(f"/admin/cetak/{kota.pk}/")  # the session's first request records it (then once a minute)

    def counts():
        with CaptureQueriesContext(connection) as queue_queries:
            assert client.get(f"/admin/cetak/{kota.pk}/").status_code == 200
        with CaptureQueriesContext(connection) as book_queries:
            assert client.get(f"/admin/cetak/{kota.pk}/blanko/").status_code == 200
        return len(queue_queries), len(book_queries)

    for _ in range(3):
        card_print(application=approved_for_print(staff), by=staff["operator"])
        approved_for_print(staff)
    few = counts()
    for _ in range(15):
        card_print(application=approved_for_print(staff), by=staff["operator"])
        approved_for_print(staff)
    assert counts() == few


def test_a_long_print_queue_comes_a_page_at_a_time_oldest_approval_first(staff, kota, monkeypatch):
    monkeypatch.setattr("forms.dispatch.views.QUEUE_PAGE_SIZE", 2)
    numbers = [approved_for_print(staff).tracking_number for _ in range(5)]
    client = signed_in(staff["operator"])
    first = client.get(f"/admin/cetak/{kota.pk}/").content.decode()
    assert [number in first for number in numbers] == [True, True, False, False, False]
    assert "Halaman 1 dari 3 (5 kartu menunggu)" in first and "?p=2" in first
    last = client.get(f"/admin/cetak/{kota.pk}/?p=3").content.decode()
    assert [number in last for number in numbers] == [False, False, False, False, True]


def test_an_online_citizen_is_told_where_to_collect_the_printed_card(
    staff, kota, citizen, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(citizen)
    application = Application.objects.get(
        tracking_number=tracking_from(client.post(lost_card_form().url, lost_card_post()))
    )
    for action, by, kwargs in [
        ("accept", "operator", {}),
        ("enter_siak", "operator", {"siak_reference": "S-9"}),
        ("approve_print", "verifier", {}),
    ]:
        application = application_transition(
            application=application, action=action, by=staff[by], expected_status=application.status, **kwargs
        )
    stock_up(staff, kota, 5)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        card_print(application=application, by=staff["operator"])
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert "Siap diambil di kecamatan" in mail.outbox[0].subject + mail.outbox[0].body
    page = client.get(f"/permohonan/{application.tracking_number}/").content.decode()
    assert "Ambil di kantor Kecamatan Balikpapan Kota" in page and "surat kuasa" in page


def test_the_hand_over_screen_shows_the_survey_qr_once_the_card_is_handed_over(staff, kota):
    stock_up(staff, kota, 5)
    application = card_print(application=approved_for_print(staff), by=staff["operator"])
    client = signed_in(staff["operator"])
    url = f"/admin/cetak/{kota.pk}/serah-terima/{application.pk}/"
    assert "survey-qr" not in client.get(url).content.decode()
    card_hand_over(application=application, by=staff["operator"], collected_by_name="Budi Santoso")
    assert "survey-qr" in client.get(url).content.decode()
