"""The dashboards say what is true: an empty stock is "Habis", and cards already handed over wait for nobody."""

import pytest
from django.urls import reverse

from forms.constants import ApplicationStatus
from forms.dispatch.selectors import dispatch_dashboard
from forms.dispatch.services import card_hand_over, card_print
from services.models import Kecamatan

from ..helpers import signed_in
from .conftest import approved_for_print, stock_up

pytestmark = pytest.mark.django_db


def _stock_cell(page, kecamatan):
    row = page.split(f">{kecamatan}</a></th>", 1)[1].split("</tr>", 1)[0]
    return row.split("<td>", 2)[1]


def test_an_empty_stock_shows_habis_and_a_low_one_menipis(staff, kota):
    stock_up(staff, kota, 150)  # below the default threshold of 200; Balikpapan Utara has none
    rows = {row.kecamatan.name: row for row in dispatch_dashboard(user=staff["head_of_office"])}
    assert (rows["Balikpapan Kota"].low, rows["Balikpapan Kota"].out) == (True, False)
    assert (rows["Balikpapan Utara"].low, rows["Balikpapan Utara"].out) == (True, True)

    home = signed_in(staff["head_of_office"]).get("/admin/").content.decode()
    empty, low = _stock_cell(home, "Balikpapan Utara"), _stock_cell(home, "Balikpapan Kota")
    assert "Habis" in empty and "dispatch-badge--out" in empty and "Menipis" not in empty
    assert "Menipis" in low and "Habis" not in low

    utara = Kecamatan.objects.get(name="Balikpapan Utara")
    queue = signed_in(staff["operator_elsewhere"]).get(reverse("dispatch:queue", args=[utara.pk])).content.decode()
    stock_line = queue.split('class="dispatch-stock', 1)[1].split("</p>", 1)[0]
    assert "Habis" in stock_line and "Menipis" not in stock_line


def test_handed_over_cards_are_not_counted_as_waiting(staff, kota):
    stock_up(staff, kota, 10)
    done, waiting = approved_for_print(staff), approved_for_print(staff)
    done = card_print(application=done, by=staff["operator"])
    done = card_hand_over(application=done, by=staff["operator"], collected_by_name="Budi Santoso")
    assert done.status == ApplicationStatus.HANDED_OVER

    kota_row = next(row for row in dispatch_dashboard(user=staff["operator"]) if row.kecamatan == kota)
    assert kota_row.waiting == {"print_approved": 1}
    home = signed_in(staff["operator"]).get("/admin/").content.decode()
    queue_panel = home.split('id="queue-panel-heading"', 1)[1].split("</section>", 1)[0]
    assert "status=print_approved" in queue_panel and waiting.status == ApplicationStatus.PRINT_APPROVED
    assert "status=handed_over" not in queue_panel and "Diserahkan" not in queue_panel
