"""The QR drawn on the first page is the code of the verification link, module for module, on any page shape."""

import io

import pytest
import segno
from pypdf import PdfReader, PdfWriter

from forms.documents.stamp import _qr_rows, verification_stamp
from tests.forms.upload_samples import pdf_bytes

URL = "https://disdukcapil.example.go.id/verifikasi/Q2F0YXRhbkRva3VtZW5Vamk/"


def test_the_drawn_rectangles_are_exactly_the_dark_modules():
    matrix = [list(row) for row in segno.make(URL, error="m").matrix]
    drawn = [[0] * len(matrix) for _ in matrix]
    for row, column, length in _qr_rows(URL):
        for offset in range(length):
            drawn[row][column + offset] = 1
    assert drawn == [[int(bool(module)) for module in row] for row in matrix]


def _page(width, height, rotate=0):
    writer = PdfWriter()
    page = writer.add_blank_page(width=width, height=height)
    if rotate:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [pdf_bytes(3), _page(842, 595), _page(595, 842, rotate=90), _page(120, 80)],
    ids=["a4-three-pages", "landscape", "rotated", "tiny"],
)
def test_the_stamp_goes_on_the_first_page_only_with_the_link_readable(content):
    stamped = PdfReader(io.BytesIO(verification_stamp(content, url=URL, caption="Pindai untuk memeriksa")))
    original = PdfReader(io.BytesIO(content))

    assert len(stamped.pages) == len(original.pages)
    assert URL in stamped.pages[0].extract_text()
    assert all(URL not in page.extract_text() for page in stamped.pages[1:])
    assert stamped.pages[0].rotation == 0
