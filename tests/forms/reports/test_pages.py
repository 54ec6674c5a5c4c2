"""The report page in the admin: who may see which kecamatan, the filter, the charts, the exports and the audit."""

import io
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from pypdf import PdfReader
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from forms.constants import Channel
from forms.dispatch.models import LedgerKind
from forms.office import report_sections as base
from forms.reports.formatting import format_cell

from .conftest import REPORT, as_user
from .data import ledger_line, plan, plans_create, wita

pytestmark = pytest.mark.django_db
FEBRUARY = {"period": "month", "year": "2026", "month": "2"}
CURLY = "“Surat Keterangan Hilang” dari Kepolisian"


@pytest.fixture
def february(pages, kecamatan, staff):
    """Eleven applications in two kecamatan in February 2026, one in March, and a blank-card book."""
    kota, utara = kecamatan["Balikpapan Kota"].pk, kecamatan["Balikpapan Utara"].pk
    ktp, ikd = pages["ktp"], pages["ikd"]
    monday = wita(2026, 2, 2, 9)
    steps = [
        ("accept", wita(2026, 2, 2, 9, 4)),
        ("enter_siak", wita(2026, 2, 2, 9, 12)),
        ("approve_print", wita(2026, 2, 2, 9, 13)),
        ("print", wita(2026, 2, 2, 11)),
    ]
    plans = [plan(ktp, kota, monday, steps) for _ in range(3)]
    plans += [plan(ktp, kota, monday, steps, channel=Channel.COUNTER) for _ in range(2)]
    plans.append(plan(ktp, kota, monday, [("accept", wita(2026, 2, 3, 9))]))
    plans.append(plan(ktp, kota, monday, [("return", wita(2026, 2, 2, 9, 30), [CURLY, "Fotocopy Kartu Keluarga"])]))
    plans.append(plan(ktp, kota, monday, [*steps[:3], ("print", wita(2026, 2, 4, 9))]))  # late
    plans += [plan(ikd, utara, monday, [("ikd_activate", wita(2026, 2, 2, 10))]) for _ in range(3)]
    plans.append(plan(ktp, kota, wita(2026, 3, 2, 9)))
    plans_create(plans)
    for sequence, (kind, quantity, moment) in enumerate(
        [
            (LedgerKind.RECEIVED, 2000, wita(2026, 1, 20, 9)),
            (LedgerKind.ISSUED, 6, wita(2026, 2, 2, 11)),
            (LedgerKind.SPOILED, 1, wita(2026, 2, 2, 11, 5)),
        ],
        start=1,
    ):
        ledger_line(
            kecamatan=kecamatan["Balikpapan Kota"],
            sequence=sequence,
            kind=kind,
            quantity=quantity,
            at=moment,
            by=staff["operator"],
        )
    return plans


class _Tables(HTMLParser):
    """The text of every report table on the page, row by row; the previous period's figure under a cell apart, in
    `previous` (table, row, cell) -> text."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell, self._depth = [], None, None, 0
        self.previous, self._previous = {}, None

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "span" and "report-previous" in classes and self._cell is not None:
            self._previous = ""
        elif tag == "table" and "report-table__table" in classes:
            self.tables.append([])
            self._depth = 1
        elif self._depth and tag == "tr":
            self._row = []
        elif self._depth and tag in ("td", "th") and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "span" and self._previous is not None:
            key = (len(self.tables) - 1, len(self.tables[-1]), len(self._row))
            self.previous[key], self._previous = self._previous.strip(), None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table":
            self._depth = 0

    def handle_data(self, data):
        if self._previous is not None:
            self._previous += data
        elif self._cell is not None:
            self._cell += data


def _page_tables(response):
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def _refused(response):
    """Wagtail answers PermissionDenied in an admin view by sending the user to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def _report_tables(report):
    return [table for section in report.sections for table in section.tables]


@pytest.mark.parametrize("role", ["verifier", "section_head", "siak_admin", "head_of_office"])
def test_city_wide_roles_see_every_kecamatan(february, staff, kecamatan, role):
    response = as_user(staff[role]).get(REPORT, FEBRUARY)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.scope.kecamatan_id is None and report.kecamatan == "Semua kecamatan"
    within = next(section for section in report.sections if section.key == "within_standard").tables[0]
    assert [row[0] for row in within.rows] == [office.name for office in kecamatan.values()] + ["Jumlah"]
    assert within.rows[-1][1] == 11


def test_operator_report_is_forced_to_their_own_kecamatan(february, staff, kecamatan):
    response = as_user(staff["operator"]).get(REPORT, FEBRUARY)
    report = response.context["report"]
    assert report.scope.kecamatan_id == kecamatan["Balikpapan Kota"].pk
    assert report.kecamatan == "Balikpapan Kota"
    by_kecamatan = report.sections[0].tables[1].rows
    assert [row[0] for row in by_kecamatan] == ["Balikpapan Kota", "Jumlah"]
    assert by_kecamatan[-1][-1] == 8  # Kota's February applications only; Utara's three IKD visits are not here
    body = response.content.decode()
    assert "Balikpapan Utara" not in body
    # The form offers the operator nothing but their own office.
    assert response.context["form"].fields["kecamatan"].queryset.count() == 1


@pytest.mark.parametrize("url", [REPORT, REPORT + "unduh.xlsx", REPORT + "unduh.pdf"])
def test_operator_cannot_get_another_kecamatans_figures(february, staff, kecamatan, url):
    client = as_user(staff["operator"])
    utara = kecamatan["Balikpapan Utara"].pk
    assert _refused(client.get(url, {**FEBRUARY, "kecamatan": str(utara)}))
    assert _refused(client.get(url, {**FEBRUARY, "kecamatan": "not-a-number"}))
    # Without Wagtail's redirect (a script's request) the refusal is a plain 403.
    xhr = {"headers": {"x-requested-with": "XMLHttpRequest"}}
    assert client.get(url, {**FEBRUARY, "kecamatan": str(utara)}, **xhr).status_code == 403
    assert not ModelLogEntry.objects.filter(action__startswith="reports.").exists()
    # The Utara operator's own report holds only Utara's figures.
    response = as_user(staff["operator_elsewhere"]).get(REPORT, FEBRUARY)
    report = response.context["report"]
    assert report.scope.kecamatan_id == utara
    assert report.sections[0].tables[1].rows == [["Balikpapan Utara", 3, 0, 3], ["Jumlah", 3, 0, 3]]


@pytest.mark.parametrize("who", ["editor", "operator_without_office"])
def test_staff_without_a_report_role_get_permission_denied(february, staff, who):
    client = as_user(staff[who])
    for url in (REPORT, REPORT + "unduh.xlsx", REPORT + "unduh.pdf"):
        assert _refused(client.get(url, FEBRUARY))
    assert '"/admin/laporan/"' not in client.get("/admin/").content.decode()


def test_citizens_and_visitors_never_reach_the_report(citizen, client):
    assert client.get(REPORT).status_code == 302
    assert as_user(citizen).get(REPORT).status_code in (302, 403)


def test_menu_item_laporan_opens_the_report(staff):
    body = as_user(staff["operator"]).get("/admin/").content.decode()
    # The sidebar is drawn from JSON props: the item sits in the one "Laporan" menu (tests/home/test_staff_menu.py).
    assert '"name": "service-report", "label": "Laporan pelayanan"' in body and '"url": "/admin/laporan/"' in body
    response = as_user(staff["operator"]).get(REPORT)
    assert response.status_code == 200  # with no filter: this month, the operator's own office
    assert "Laporan Pelayanan Kependudukan" in response.content.decode()


def test_viewing_and_exporting_are_audited(february, staff, kecamatan):
    client = as_user(staff["head_of_office"])
    client.get(REPORT, {**FEBRUARY, "kecamatan": str(kecamatan["Balikpapan Kota"].pk)})
    client.get(REPORT + "unduh.xlsx", FEBRUARY)
    client.get(REPORT + "unduh.pdf", FEBRUARY)
    entries = list(
        ModelLogEntry.objects.filter(user=staff["head_of_office"], action__startswith="reports.").order_by("pk")
    )
    assert [(entry.action, entry.data["format"]) for entry in entries] == [
        ("reports.view", "html"),
        ("reports.export", "xlsx"),
        ("reports.export", "pdf"),
    ]
    assert entries[0].data == {
        "format": "html",
        "start": "2026-02-01",
        "end": "2026-02-28",
        "service": None,
        "kecamatan": kecamatan["Balikpapan Kota"].pk,
    }


def test_filter_errors_are_shown_in_indonesian_beside_their_fields(staff):
    client = as_user(staff["verifier"])
    response = client.get(REPORT, {"period": "custom", "year": "2026", "start": "", "end": ""})
    body = response.content.decode()
    assert response.context["report"] is None
    assert 'id="id_start-error"' in body and "Masukkan tanggal awal rentang." in body
    assert 'aria-describedby="id_start-error"' in body and 'aria-invalid="true"' in body
    assert "Masukkan tanggal akhir rentang." in body
    response = client.get(REPORT, {"period": "custom", "year": "2026", "start": "2026-03-31", "end": "2026-03-01"})
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()
    response = client.get(REPORT, {"period": "quarter", "year": "2026", "quarter": ""})
    assert "Pilih triwulan yang dimaksud." in response.content.decode()
    assert client.get(REPORT + "unduh.xlsx", {"period": "custom", "year": "2026"}).status_code == 400
    assert not ModelLogEntry.objects.filter(action__startswith="reports.").exists()


@pytest.mark.parametrize(
    ("query", "start", "end", "label"),
    [
        ({"period": "month", "year": "2024", "month": "2"}, date(2024, 2, 1), date(2024, 2, 29), "Februari 2024"),
        (
            {"period": "quarter", "year": "2026", "quarter": "2"},
            date(2026, 4, 1),
            date(2026, 6, 30),
            "Triwulan II 2026 (1 April 2026 – 30 Juni 2026)",
        ),
        (
            {"period": "semester", "year": "2026", "semester": "2"},
            date(2026, 7, 1),
            date(2026, 12, 31),
            "Semester II 2026 (1 Juli 2026 – 31 Desember 2026)",
        ),
        (
            {"period": "custom", "year": "2026", "start": "2025-11-15", "end": "2026-04-14"},
            date(2025, 11, 15),
            date(2026, 4, 14),
            "15 November 2025 – 14 April 2026",
        ),
    ],
)
def test_each_period_kind_covers_its_days(staff, query, start, end, label):
    report = as_user(staff["verifier"]).get(REPORT, query).context["report"]
    assert (report.scope.start, report.scope.end) == (start, end)
    assert report.period.startswith(label)


def test_charts_are_inline_svg_with_a_name_and_a_table_beside_them(february, staff):
    response = as_user(staff["verifier"]).get(REPORT, FEBRUARY)
    body = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Permohonan menurut jalur"' in body
    assert "<title>Permohonan menurut jalur</title>" in body
    assert '<figcaption class="report-chart__title">Permohonan menurut jalur</figcaption>' in body
    figure = body.split('aria-label="Permohonan menurut jalur"')[1].split("</figure>")[0]
    assert '<table class="listing report-chart__table">' in figure
    online = str(Channel.ONLINE.label)
    assert f'<th scope="row">{online}</th><td class="report-table__number">9</td>' in figure.replace("\n", "")
    assert "cdn" not in body.lower().split('id="section-applications"')[1]


def test_page_shows_the_figures_and_the_definitions(february, staff):
    response = as_user(staff["verifier"]).get(REPORT, FEBRUARY)
    tables = _page_tables(response)
    report = response.context["report"]
    within = next(table for table in tables if table[0][0] == "Kecamatan" and "Terlambat" in table[0])
    # The one still open was due on 2 February at 16:00: past due now.
    assert within[-1] == ["Jumlah", "11", "9", "8", "1", "88,9", "1", "1", "1"]
    steps = next(table for table in tables if table[0][0] == "Langkah SOP")
    # Six checks took 4 minutes and one a whole working day (09:00 to 09:00 next day: 480 minutes).
    assert ["7, 8, 9", "Persyaratan sesuai", "6", "7", "4", "480", "85,7"] in steps
    body = response.content.decode()
    assert "metode peringkat terdekat" in body and "Standar: 1 hari kerja" in body
    assert len(tables) == len(_report_tables(report))


def test_xlsx_holds_exactly_the_numbers_the_page_shows(february, staff):
    client = as_user(staff["verifier"])
    page = client.get(REPORT, FEBRUARY)
    report = page.context["report"]
    page_tables = _page_tables(page)
    response = client.get(REPORT + "unduh.xlsx", FEBRUARY)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="laporan-pelayanan-20260201-20260228.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    scope_sheet = book.worksheets[0]
    scope = {row[0]: row[1] for row in scope_sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    assert scope["Periode"] == "Februari 2026 (1 Februari 2026 – 28 Februari 2026)"
    assert scope["Kecamatan"] == "Semua kecamatan" and scope["Layanan"] == "Semua layanan"
    assert scope["Dibuat pada"].endswith("WITA") and scope["Dibuat oleh"] == "Verifikator"
    assert len(book.worksheets) == 1 + len(report.sections)

    page_index = 0
    for sheet, section in zip(book.worksheets[1:], report.sections, strict=True):
        assert sheet["A1"].value == section.title
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        for table in section.tables:
            header = cells.index([*table.columns, *[None] * (len(cells[0]) - len(table.columns))][: len(cells[0])])
            shown = page_tables[page_index]
            page_index += 1
            assert shown[0] == [str(column) for column in table.columns]
            for offset, row in enumerate(table.rows, start=1):
                stored = cells[header + offset][: len(row)]
                assert [format_cell(value) for value in row] == shown[offset]
                assert stored == [float(value) if isinstance(value, Decimal) else value for value in row]
    within = next(sheet for sheet in book.worksheets if sheet["A1"].value.startswith("Selesai dalam standar"))
    total = next(row for row in within.iter_rows(values_only=True) if row[0] == "Jumlah")
    assert list(total[:9]) == ["Jumlah", 11, 9, 8, 1, pytest.approx(88.9), 1, 1, 1]


def test_pdf_prints_the_page_figures_with_curly_quotes(february, staff):
    client = as_user(staff["verifier"])
    response = client.get(REPORT + "unduh.pdf", FEBRUARY)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for expected in (
        "Laporan Pelayanan Kependudukan",
        "Februari 2026 (1 Februari 2026 – 28 Februari 2026)",
        "Selesai dalam standar 1 hari kerja",
        "88,9",  # finished within one working day, total
        "85,7",  # "requirements met" within its six minutes
        "2.000",  # blanks received before February: the opening stock
        "1.993",  # stock at the end of February
        CURLY,
        "Halaman 1",
    ):
        assert expected in flat, expected


@pytest.fixture
def visits_section(monkeypatch):
    """A section as another room registers one: lazy titles, a float, a Decimal, an empty cell, a chart."""
    # Only the report's own sections (orders below 60) plus this one, whatever other rooms are installed.
    monkeypatch.setattr(base, "_SECTIONS", [item for item in base._SECTIONS if item[0] < 60])

    @base.register_section(60)
    def ikd_visits(scope):
        return base.Section(
            "ikd_visits",
            gettext_lazy("Kunjungan aktivasi IKD"),
            tables=[
                base.Table(
                    "Aktivasi per kecamatan",
                    [gettext_lazy("Kecamatan"), "Aktivasi", "Rata-rata tunggu (hari)", "Indeks"],
                    [["Balikpapan Kota", 1234, 3.25, Decimal("82.35")], ["Balikpapan Utara", 0, None, None]],
                )
            ],
            charts=[base.BarChart("Aktivasi IKD", [("Balikpapan Kota", 1234), ("Balikpapan Utara", 0)], unit="kali")],
            notes=["Dihitung dari kunjungan yang tercatat."],
        )

    return ikd_visits


def test_a_section_another_room_registers_appears_on_the_page_and_in_both_exports(february, staff, visits_section):
    client = as_user(staff["verifier"])
    page = client.get(REPORT, FEBRUARY)
    keys = [section.key for section in page.context["report"].sections]
    assert keys == ["applications", "within_standard", "sop_steps", "returns", "blank_cards", "ikd_visits", "trends"]
    table = next(table for table in _page_tables(page) if table[0][0] == "Kecamatan" and "Indeks" in table[0])
    assert table[1:] == [["Balikpapan Kota", "1.234", "3,25", "82,35"], ["Balikpapan Utara", "0", "–", "–"]]
    assert 'role="img" aria-label="Aktivasi IKD"' in page.content.decode()

    book = load_workbook(io.BytesIO(client.get(REPORT + "unduh.xlsx", FEBRUARY).content))
    sheet = book.worksheets[-2]
    assert sheet.title == "6. Kunjungan aktivasi IKD"
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert ("Balikpapan Kota", 1234, 3.25, pytest.approx(82.35)) in [row[:4] for row in rows]
    assert ("Balikpapan Utara", 0, None, None) in [row[:4] for row in rows]

    pdf = client.get(REPORT + "unduh.pdf", FEBRUARY).content
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Kunjungan aktivasi IKD" in text and "82,35" in text and "1.234 kali" in text


def test_periods_are_office_days_whatever_time_zone_the_user_prefers(pages, kecamatan, staff):
    kota = kecamatan["Balikpapan Kota"].pk
    # 00:30 WITA on 1 February is still 31 January in Jakarta (WIB, an hour behind): the office counts February.
    plans_create(
        [plan(pages["ktp"], kota, wita(2026, 2, 1, 0, 30)), plan(pages["ktp"], kota, wita(2026, 1, 31, 23, 30))]
    )
    profile = UserProfile.get_for_user(staff["verifier"])
    profile.current_time_zone = "Asia/Jakarta"
    profile.save()
    report = as_user(staff["verifier"]).get(REPORT, FEBRUARY).context["report"]
    assert report.sections[0].tables[0].rows[-1][-1] == 1
    assert report.generated_label.endswith("WITA")


def test_the_report_opens_with_an_index_of_its_sections_each_an_in_page_anchor(february, staff):
    response = as_user(staff["head_of_office"]).get(REPORT, FEBRUARY)
    body = response.content.decode()
    sections = response.context["report"].sections
    assert len(sections) > 3
    index = body.index('id="report-index-title"')
    assert "Bagian laporan" in body
    for section in sections:
        link = f'<a href="#section-{section.key}">{section.title}</a>'
        assert index < body.index(link) < body.index(f'id="section-{section.key}"'), section.key
    assert body.count('href="#report-index-title"') == len(sections)
