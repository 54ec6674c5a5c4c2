"""Real sample files, built in memory, for the upload checks' tests."""

import io
import struct
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject
from reportlab.pdfgen import canvas

# Coordinates written into the sample photo's GPS tags; the tests look for them after re-encoding.
GPS_LATITUDE = (6.0, 10.0, 30.12)
GPS_LONGITUDE = (106.0, 49.0, 45.67)
CAMERA_MODEL = "SamplePhone 12 Pro"
XMP_MARKER = b"sample-xmp-gps-6.1701S"
USER_PASSWORD = "rahasia"
OWNER_PASSWORD = "pemilik"
TRAILING_PAYLOAD = b"PK\x03\x04<?php system($_GET['cmd']); ?> trailing-payload-marker"

# Split so that this source file itself never carries the EICAR test string in one piece.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def pdf_bytes(pages: int = 1) -> bytes:
    """A small valid PDF with blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf_bytes(user_password: str = USER_PASSWORD, owner_password: str = OWNER_PASSWORD) -> bytes:
    """A one-page PDF encrypted with AES-256 (empty user_password: opens without one, but is still encrypted)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def broken_pdf_bytes() -> bytes:
    """A PDF header followed by junk: libmagic says PDF, pypdf cannot read it."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"this is not a pdf body \x00\xff" * 50


def _photo() -> Image.Image:
    """A 64x32 RGB image, left half red and right half blue, so orientation can be checked."""
    image = Image.new("RGB", (64, 32), (220, 20, 20))
    image.paste((20, 20, 220), (32, 0, 64, 32))
    return image


def jpeg_bytes(size: tuple[int, int] = (64, 32)) -> bytes:
    """A plain small JPEG."""
    out = io.BytesIO()
    _photo().resize(size).save(out, format="JPEG", quality=90)
    return out.getvalue()


def jpeg_with_exif_bytes(orientation: int = 6) -> bytes:
    """A JPEG with camera EXIF, GPS coordinates, XMP and an orientation tag (6: display rotated 90° clockwise)."""
    exif = Image.Exif()
    exif[0x010F] = "SampleMaker"  # Make
    exif[0x0110] = CAMERA_MODEL  # Model
    exif[0x0112] = orientation  # Orientation
    gps = exif.get_ifd(0x8825)  # GPSInfo IFD
    gps[1] = "S"  # GPSLatitudeRef
    gps[2] = GPS_LATITUDE
    gps[3] = "E"  # GPSLongitudeRef
    gps[4] = GPS_LONGITUDE
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="' + XMP_MARKER + b'"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    out = io.BytesIO()
    _photo().save(out, format="JPEG", quality=90, exif=exif.tobytes(), xmp=xmp)
    return out.getvalue()


def jpeg_with_trailing_payload_bytes() -> bytes:
    """A valid JPEG with extra bytes appended after its end-of-image marker."""
    return jpeg_bytes() + TRAILING_PAYLOAD


def jpeg_header_then_junk_bytes() -> bytes:
    """A JPEG start-of-image and APP0 marker followed by junk: sniffed as JPEG, does not decode."""
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x13\x37junk" * 200


def png_bytes(mode: str = "RGBA", size: tuple[int, int] = (16, 16)) -> bytes:
    """A small PNG in `mode` (RGBA, RGB, L or P); RGBA and P have a transparent corner pixel."""
    if mode == "P":
        image = Image.new("P", size, 1)
        image.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0])
        image.putpixel((0, 0), 0)
        out = io.BytesIO()
        image.save(out, format="PNG", transparency=0)
        return out.getvalue()
    colour = {"RGBA": (10, 200, 10, 255), "RGB": (10, 200, 10), "L": 120}[mode]
    image = Image.new(mode, size, colour)
    if mode == "RGBA":
        image.putpixel((0, 0), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def png_with_metadata_bytes() -> bytes:
    """A PNG carrying text chunks and an eXIf chunk with the camera model and a GPS note."""
    info = PngInfo()
    info.add_text("Comment", XMP_MARKER.decode())
    info.add_text("Author", CAMERA_MODEL)
    exif = Image.Exif()
    exif[0x0110] = CAMERA_MODEL
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 10)).save(out, format="PNG", pnginfo=info, exif=exif.tobytes())
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def huge_png_bytes(width: int = 20_000, height: int = 10_000) -> bytes:
    """A real 1-bit greyscale PNG of width x height pixels (all black) that compresses to a few kilobytes."""
    row = b"\x00" + bytes((width + 7) // 8)  # filter byte 0, then packed 1-bit pixels
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # bit depth 1, greyscale
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def gif_bytes() -> bytes:
    """A small GIF image."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 255)).save(out, format="GIF")
    return out.getvalue()


def webp_bytes() -> bytes:
    """A small WebP image (a type phones produce, not allowed here)."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 128, 255)).save(out, format="WEBP")
    return out.getvalue()


def html_bytes() -> bytes:
    """A web page with a script."""
    return (
        b"<!DOCTYPE html>\n<html><head><title>Formulir</title></head>"
        b"<body><script>alert(document.cookie)</script></body></html>\n"
    )


def svg_bytes() -> bytes:
    """An SVG drawing carrying a script."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>\n'
    )


def elf_bytes() -> bytes:
    """A 64-bit x86-64 ELF executable header (what a Linux program starts with)."""
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    header = struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 0, 64, 0, 0)
    return ident + header + bytes(256)


def pe_bytes() -> bytes:
    """A Windows PE executable header: "MZ", then the PE signature at the offset the DOS header names."""
    dos = b"MZ" + bytes(0x3A) + struct.pack("<I", 0x80) + bytes(0x80 - 0x40)
    coff = b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x14C, 1, 0, 0, 0, 0xE0, 0x102)
    return dos + coff + bytes(0xE0) + bytes(256)


def oversize_pdf_bytes(size: int) -> bytes:
    """A PDF-looking file of exactly `size` bytes."""
    head = b"%PDF-1.7\n"
    return head + b"0" * (size - len(head))


POLYGLOT_HTML = b"<html><body><script>fetch('/admin/').then(r=>r.text()).then(alert)</script></body></html>"
SCRIPT_MARKER = "app.alert('polyglot-js-marker')"


def _javascript_action(writer: PdfWriter, script: str):
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject("/JavaScript")})
    action[NameObject("/JS")] = TextStringObject(script)
    return writer._add_object(action)


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_javascript_bytes() -> bytes:
    """A one-page PDF that runs JavaScript when opened (/OpenAction) and from its /Names tree, as the attacker's did."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = _javascript_action(writer, SCRIPT_MARKER)
    names = ArrayObject([TextStringObject("run"), _javascript_action(writer, SCRIPT_MARKER)])
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})}
    )
    return _written(writer)


def pdf_with_every_active_part_bytes() -> bytes:
    """Each kind of active part the rewrite must remove, at document, page and annotation level."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    launch = writer._add_object(
        DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("cmd.exe"),
            }
        )
    )
    writer._root_object[NameObject("/OpenAction")] = launch
    writer._root_object[NameObject("/AA")] = DictionaryObject(
        {NameObject("/WC"): _javascript_action(writer, SCRIPT_MARKER)}
    )
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _javascript_action(writer, SCRIPT_MARKER)})
    writer.add_attachment("payload.exe", b"MZ embedded-file-marker")
    rect = ArrayObject([NumberObject(n) for n in (50, 50, 150, 100)])
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rect,
            NameObject("/A"): _javascript_action(writer, SCRIPT_MARKER),
        }
    )
    jump = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rect,
            NameObject("/AA"): DictionaryObject({NameObject("/E"): _javascript_action(writer, SCRIPT_MARKER)}),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/GoTo"),
                    NameObject("/D"): ArrayObject([page.indirect_reference, NameObject("/Fit")]),
                    NameObject("/Next"): launch,
                }
            ),
        }
    )
    attachment = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): rect,
            NameObject("/FS"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Filespec"),
                    NameObject("/F"): TextStringObject("invoice.exe"),
                    NameObject("/EF"): DictionaryObject({NameObject("/F"): _embedded_file(writer)}),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject(
        [writer._add_object(link), writer._add_object(jump), writer._add_object(attachment)]
    )
    xfa = DecodedStreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>xfa-marker</script></xdp:xdp>")
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa)}
    )
    return _written(writer)


def _embedded_file(writer: PdfWriter):
    stream = DecodedStreamObject()
    stream.set_data(b"MZ attached-file-marker")
    stream[NameObject("/Type")] = NameObject("/EmbeddedFile")
    return writer._add_object(stream)


def pdf_html_polyglot_bytes() -> bytes:
    """A PDF that is also a web page: HTML before the header, in a comment after it, and after %%EOF."""
    pdf = pdf_bytes()
    header_end = pdf.index(b"\n") + 1
    return POLYGLOT_HTML + b"\n" + pdf[:header_end] + b"%" + POLYGLOT_HTML + b"\n" + pdf[header_end:] + POLYGLOT_HTML


def pdf_with_form_field_script_bytes() -> bytes:
    """A form field whose keystroke script sits on the field, above the page's widget annotation."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    field = writer._add_object(
        DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject("nik"),
                NameObject("/AA"): DictionaryObject({NameObject("/K"): _javascript_action(writer, SCRIPT_MARKER)}),
            }
        )
    )
    widget = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (50, 700, 300, 720)]),
                NameObject("/Parent"): field,
                NameObject("/P"): page.indirect_reference,
            }
        )
    )
    field.get_object()[NameObject("/Kids")] = ArrayObject([widget])
    page[NameObject("/Annots")] = ArrayObject([widget])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([field])})
    return _written(writer)


def pdf_with_black_box_bytes() -> bytes:
    """An A4 page with a large black rectangle: easy to see on a screenshot when a viewer really renders it."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(595, 842))
    page.rect(60, 300, 475, 450, stroke=0, fill=1)
    page.save()
    return out.getvalue()
