"""Cases have an owner and move in batches, in a real browser at 1280 px and 360 px: an operator takes a case and
hands it back, and it leaves "Kasus saya"; the Verifikator approves printing of ten cases at once, one of them
changed by someone else after the queue was loaded, and is told nine were done and which one was refused and why.
The queue, "Kasus saya" and the batch result pass axe-core with no serious or critical violation."""

import pytest
from playwright.sync_api import expect

from forms.models import Application
from forms.review.holding import case_take
from forms.review.transitions import application_transition
from tests.forms.dispatch.conftest import counter_application

from .helpers import assert_no_serious_violations, staff_log_in, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def _fits_phone(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px on a phone"


def test_an_operator_takes_a_case_hands_it_back_and_it_leaves_my_cases(live_server, seeded, browser):
    operator, secret = staff_member("op.pegang.e2e", "Operator", "Balikpapan Kota")
    application = counter_application(operator)
    context, page = staff_log_in(browser, live_server, operator, secret)

    page.get_by_role("link", name="Kasus saya").first.click()
    expect(page.get_by_role("heading", name="Kasus saya", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=application.tracking_number)).to_have_count(0)
    assert_no_serious_violations(page)

    page.goto(f"{live_server.url}/admin/permohonan/")
    expect(page.get_by_role("columnheader", name="Pemegang kasus")).to_be_visible()
    assert_no_serious_violations(page)
    page.get_by_role("link", name=application.tracking_number).click()
    expect(page.get_by_text("Belum ada yang memegang kasus ini")).to_be_visible()
    page.get_by_role("button", name="Ambil kasus ini").click()
    expect(page.get_by_text("Kasus ini sekarang Anda pegang.")).to_be_visible()
    expect(page.get_by_text("Anda memegang kasus ini sejak")).to_be_visible()

    page.goto(f"{live_server.url}/admin/permohonan/saya/")
    expect(page.get_by_role("link", name=application.tracking_number)).to_be_visible()
    assert_no_serious_violations(page)

    # On a phone: the case is still there, the page fits, and the operator hands the case back from it.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.get_by_role("link", name=application.tracking_number)).to_be_visible()
    assert_no_serious_violations(page)
    page.get_by_role("link", name=application.tracking_number).click()
    page.get_by_label("Catatan (tidak wajib)").fill("Pindah ke loket IKD")
    page.get_by_role("button", name="Kembalikan ke antrean").click()
    expect(page.get_by_text("Kasus sudah kembali ke antrean.")).to_be_visible()
    _fits_phone(page)

    page.goto(f"{live_server.url}/admin/permohonan/saya/")
    expect(page.get_by_role("heading", name="Kasus saya", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=application.tracking_number)).to_have_count(0)
    assert_no_serious_violations(page)
    context.close()
    application.refresh_from_db()
    assert application.holder is None


def test_the_verifier_approves_printing_of_ten_cases_in_one_batch_and_is_told_of_the_stale_one(
    live_server, seeded, browser
):
    operator, _secret = staff_member("op.massal.e2e", "Operator", "Balikpapan Kota")
    verifier, secret = staff_member("verif.massal.e2e", "Verifikator")
    other_verifier, _other = staff_member("verif.lain.e2e", "Verifikator")
    cases = [
        application_transition(
            application=counter_application(operator),
            action="enter_siak",
            by=operator,
            expected_status="accepted",
            siak_reference=f"SIAK-{index}",
        )
        for index in range(10)
    ]
    context, page = staff_log_in(browser, live_server, verifier, secret)
    page.goto(f"{live_server.url}/admin/permohonan/?status=siak_entered")
    boxes = page.locator('input[name="case"]')
    expect(boxes).to_have_count(10)
    assert_no_serious_violations(page)

    # "Select all on the page" is there once Wagtail's scripts run, and ticks every row.
    page.get_by_label("Pilih semua kasus di halaman ini").check()
    for index in range(10):
        expect(boxes.nth(index)).to_be_checked()
    # Meanwhile another Verifikator takes one of them: the row the page shows is out of date.
    stale = cases[6]
    case_take(application=stale, by=other_verifier)

    expect(page.get_by_label("Tindakan massal")).to_have_value("approve_print")
    page.get_by_role("button", name="Jalankan untuk kasus yang dicentang").click()
    expect(page.get_by_role("heading", name="9 kasus selesai: Setujui pencetakan.")).to_be_visible()
    expect(page.get_by_role("heading", name="1 kasus ditolak")).to_be_visible()
    refused = page.get_by_role("row", name=stale.tracking_number)
    expect(refused).to_contain_text("Diubah oleh petugas lain setelah halaman antrean Anda dimuat")
    expect(refused).to_contain_text("Data diinput ke SIAK")
    assert_no_serious_violations(page)
    page.set_viewport_size(PHONE)
    expect(page.get_by_role("heading", name="1 kasus ditolak")).to_be_visible()
    assert_no_serious_violations(page)
    _fits_phone(page)

    page.get_by_role("link", name="Kembali ke antrean").click()
    expect(page.locator('input[name="case"]')).to_have_count(1)  # only the stale case still waits
    assert_no_serious_violations(page)
    context.close()

    statuses = dict(Application.objects.values_list("pk", "status"))
    assert [statuses[case.pk] for case in cases] == ["print_approved"] * 6 + ["siak_entered"] + ["print_approved"] * 3
