"""The weekly return manifest (berita acara) as a printable PDF, signed on paper by both sides."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def _date(value):
    return formats.date_format(value, "j F Y") if value else "–"


def manifest_pdf_bytes(manifest, summary) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=manifest.number,
        author="Disdukcapil Kota Balikpapan",
    )
    p = lambda text, style="BodyText": Paragraph(escape(str(text)), styles[style])  # noqa: E731
    story = [
        p(_("Return manifest of blank cards and old KTP-el for destruction"), "Title"),
        p(f"{_('Number')}: {manifest.number}"),
        p(f"{_('Kecamatan')}: {manifest.kecamatan.name} ({manifest.kecamatan.region_code})"),
        p(f"{_('Period')}: {_date(manifest.period_start)} – {_date(manifest.period_end)}"),
        Spacer(1, 4 * mm),
        Table(
            [
                [_("Failed prints"), summary["failed_prints"]],
                [_("Damaged blanks"), summary["damaged"]],
                [_("Old KTP-el collected"), summary["old_cards"]],
                [_("Total items"), summary["total"]],
            ],
            colWidths=[80 * mm, 30 * mm],
            style=TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTNAME", (0, 3), (-1, 3), "Helvetica-Bold")]
            ),
        ),
        Spacer(1, 6 * mm),
    ]
    rows = [[_("No. in book"), _("Kind"), _("Blank or card number"), _("Application"), _("Reason"), _("Recorded")]]
    for entry in summary["entries"]:
        kind = entry.get_spoil_reason_display() if entry.spoil_reason else entry.get_kind_display()
        rows.append(
            [
                entry.sequence,
                p(kind),
                entry.card_serial or "–",
                entry.application.tracking_number if entry.application else "–",
                p(entry.reason or "–"),
                formats.date_format(timezone.localtime(entry.recorded_at), "j M Y"),
            ]
        )
    table = Table(rows, repeatRows=1, colWidths=[18 * mm, 32 * mm, 30 * mm, 34 * mm, 40 * mm, 20 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 12 * mm)]
    prepared = manifest.prepared_by.get_full_name() or manifest.prepared_by.get_username()
    confirmed = "…………………………"
    if manifest.confirmed_by:
        who = manifest.confirmed_by.get_full_name() or manifest.confirmed_by.get_username()
        confirmed = f"{who}, {_date(timezone.localtime(manifest.confirmed_at).date())}"
    story.append(
        Table(
            [
                [p(_("Handed over by (kecamatan operator)")), p(_("Received by (Disdukcapil office)"))],
                ["\n\n\n", "\n\n\n"],
                [p(f"{prepared}, {_date(timezone.localtime(manifest.prepared_at).date())}"), p(confirmed)],
            ],
            colWidths=[85 * mm, 85 * mm],
        )
    )
    document.build(story)
    return buffer.getvalue()


def temporary_certificate_pdf_bytes(application, text: str, *, title: str) -> bytes:
    """The Surat Keterangan pengganti KTP-el, its text from the office's setting; the QR is stamped on afterwards."""
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=45 * mm,
        title=title,
        author="Disdukcapil Kota Balikpapan",
    )
    p = lambda value, style="BodyText": Paragraph(escape(str(value)), styles[style])  # noqa: E731
    kecamatan = application.kecamatan.name if application.kecamatan_id else "–"
    story = [
        p("Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan", "Heading3"),
        p(title, "Title"),
        p(f"{_('Number')}: {application.tracking_number}"),
        Spacer(1, 4 * mm),
        *[p(paragraph) for paragraph in text.split("\n\n") if paragraph.strip()],
        Spacer(1, 8 * mm),
        p(f"Kecamatan {kecamatan}, {_date(timezone.localdate())}"),
    ]
    document.build(story)
    return buffer.getvalue()
