"""The verification QR stamped on a certified document's first page, before it is stored and hashed."""

import io

import segno
from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

QR_SIZE = 22 * mm
MARGIN = 8 * mm
QUIET_ZONE = 2  # modules of white around the code, enough for phone cameras on a busy scan
FONT, FONT_SIZE = "Helvetica", 6


def _qr_rows(url: str):
    """Runs of dark modules per row, as (row, first column, length): one rectangle each, no hairlines between."""
    for row, modules in enumerate(segno.make(url, error="m").matrix):
        start = None
        for column, dark in enumerate([*modules, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                yield row, start, column - start
                start = None


def _overlay(width: float, height: float, *, url: str, caption: str) -> bytes:
    """A transparent page of the document's size with the QR in its lower right corner and the link beside it."""
    size = min(QR_SIZE, 0.25 * min(width, height))
    margin = min(MARGIN, 0.05 * min(width, height))
    modules = segno.make(url, error="m").symbol_size(border=QUIET_ZONE)[0]
    unit = size / modules
    left, bottom = width - margin - size, margin
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setFillColorRGB(1, 1, 1)
    pdf.rect(left, bottom, size, size, stroke=0, fill=1)
    lines = [caption, url]
    text_width = max(stringWidth(line, FONT, FONT_SIZE) for line in lines)
    text_right = left - 1 * mm
    pdf.rect(text_right - text_width - 1 * mm, bottom, text_width + 1 * mm, 2.6 * FONT_SIZE, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    path = pdf.beginPath()
    for row, column, length in _qr_rows(url):
        x = left + (QUIET_ZONE + column) * unit
        y = bottom + size - (QUIET_ZONE + row + 1) * unit
        path.rect(x, y, length * unit, unit)
    pdf.drawPath(path, stroke=0, fill=1)
    pdf.setFont(FONT, FONT_SIZE)
    for index, line in enumerate(reversed(lines)):
        pdf.drawRightString(text_right, bottom + 0.4 * FONT_SIZE + index * 1.2 * FONT_SIZE, line)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def verification_stamp(content: bytes, *, url: str, caption: str) -> bytes:
    """The PDF with the verification QR for ``url`` on its first page; the other pages are unchanged."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    page = writer.pages[0]
    # A page turned by /Rotate gets the turn written into its content, so the corner is the one the reader sees.
    page.transfer_rotation_to_content()
    box = page.cropbox
    overlay = PdfReader(io.BytesIO(_overlay(float(box.width), float(box.height), url=url, caption=caption))).pages[0]
    page.merge_transformed_page(overlay, Transformation().translate(float(box.left), float(box.bottom)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
