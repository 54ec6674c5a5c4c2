"""The receipt as a PDF the citizen keeps or prints: the same facts as the receipt page, with the tracking QR."""

from io import BytesIO
from xml.sax.saxutils import escape

import segno
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .progress import Step

QR_SIZE = 40 * mm


class QrCode(Flowable):
    """A QR code drawn module by module from segno's matrix: the same code as the receipt page's SVG."""

    def __init__(self, data: str, size: float = QR_SIZE):
        super().__init__()
        self.matrix = segno.make(data, error="m").matrix
        self.size = size
        self.width = self.height = size

    def draw(self):
        quiet = 4  # modules of white border, as a scanner expects
        count = len(self.matrix) + 2 * quiet
        module = self.size / count
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for row, line in enumerate(self.matrix):
            for column, dark in enumerate(line):
                if dark:
                    x = (column + quiet) * module
                    y = self.size - (row + quiet + 1) * module
                    canvas.rect(x, y, module, module, stroke=0, fill=1)


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'l, j F Y')}, {local:%H.%M} WITA"


def receipt_pdf_bytes(
    application, *, tracking_url: str, next_step: Step | None, pickup: Step | None, office_hours: str
) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{_('Application receipt')} {application.tracking_number}",
        author="Disdukcapil Kota Balikpapan",
    )
    p = lambda text, style="BodyText": Paragraph(escape(str(text)), styles[style])  # noqa: E731
    rows = [
        [_("Tracking number"), application.tracking_number],
        [_("Service"), f"{application.service_title}: {application.variant_name}"],
        [_("Applicant"), application.applicant_name or "–"],
        [_("NIK"), application.masked_nik or "–"],
        [_("Kecamatan"), application.kecamatan.name if application.kecamatan_id else "–"],
        [_("Submitted"), _when(application.submit_time)],
        [_("Status"), application.get_status_display()],
    ]
    if next_step is not None and next_step.due:
        rows.append([_("Finished at the latest"), _when(next_step.due)])
    story = [
        p("Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan", "Heading3"),
        p(_("Application receipt"), "Title"),
        Table(
            [[p(label), p(value)] for label, value in rows],
            colWidths=[50 * mm, 120 * mm],
            style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]),
        ),
        Spacer(1, 5 * mm),
        p(_("What happens next"), "Heading2"),
    ]
    if next_step is not None:
        story.append(p(f"{next_step.title} · {_('By')}: {next_step.actor}"))
        if next_step.text:
            story.append(p(next_step.text))
    else:
        story.append(p(application.status_meaning))
    if pickup is not None and pickup.state != "done":
        story.append(p(_("Collecting it"), "Heading3"))
        if application.kecamatan_id:
            office = application.kecamatan.name
            address = f", {application.kecamatan.address}" if application.kecamatan.address else ""
            story.append(p(f"{_('Office')}: {_('Kecamatan')} {office}{address}"))
        story.append(p(f"{_('Office hours')}: {office_hours}"))
        story.append(p(f"{_('Bring')}: {'; '.join(pickup.bring)}"))
        story.append(
            p(_("Someone else may collect it with your power of attorney (surat kuasa) and their own KTP-el."))
        )
    story += [
        Spacer(1, 6 * mm),
        QrCode(tracking_url),
        p(_("Scan to check the status; you will also need the last 4 digits of the NIK.")),
        p(tracking_url),
    ]
    document.build(story)
    return buffer.getvalue()
