"""The check every citizen upload goes through before it is stored in the private storage (security.md).

Order: bounded read (size), empty check, optional ClamAV scan of the bytes exactly as sent (before any of our
parsers touch them), type sniffed from content with libmagic, then a full decode: images are re-encoded by
Pillow without metadata, PDFs are rewritten by pypdf from their pages only, without anything that can act
(scripts, automatic and launch actions, embedded files, forms). The citizen's file name is never trusted: it
is only cleaned and kept as data, and the stored name is generated from the sniffed type.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import unicodedata
import uuid
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import clamd
import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from forms.constants import ALLOWED_TYPES

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

# Below Pillow's own warning threshold (~89 MP): a 40 MP limit still fits every phone camera and A4 scan at
# 600 dpi (~35 MP), while decoding stays under ~160 MB of memory for RGBA.
MAX_IMAGE_PIXELS = 40_000_000
MAX_ORIGINAL_NAME_LENGTH = 200

_READ_CHUNK = 64 * 1024
_SNIFF_BYTES = 256 * 1024
_JPEG_QUALITY = 90  # documents photographed with a phone must stay legible
_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
# Image info kept on re-encoding: needed to render correctly, carries nothing about the citizen.
_KEPT_IMAGE_INFO = ("transparency", "icc_profile", "dpi")

# libmagic spells a few types in older ways on some systems.
_MIME_ALIASES = {
    "application/x-pdf": "application/pdf",
    "image/pjpeg": "image/jpeg",
    "image/jpg": "image/jpeg",
    "image/x-png": "image/png",
}
# What a file name's extension claims it is; only the types we know how to check.
_EXTENSION_CLAIMS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".jfif": "image/jpeg",
    ".png": "image/png",
}
_KIND_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}

_EXECUTABLE = _("a program (executable file)")
_ARCHIVE = _("a compressed archive (such as ZIP or RAR)")
_OFFICE = _("an office document (such as Word or Excel)")
# Plain words for what a refused file really is, for the "named like a PDF but is actually ..." message.
_DESCRIPTIONS = {
    "application/pdf": _("a PDF document"),
    "image/jpeg": _("a JPEG photo"),
    "image/png": _("a PNG image"),
    "image/gif": _("a GIF image"),
    "image/webp": _("a WebP image"),
    "image/heic": _("an iPhone HEIC photo"),
    "image/heif": _("an iPhone HEIC photo"),
    "image/svg+xml": _("an SVG drawing"),
    "text/html": _("a web page (HTML)"),
    "text/plain": _("a text file"),
    "application/x-executable": _EXECUTABLE,
    "application/x-sharedlib": _EXECUTABLE,
    "application/x-pie-executable": _EXECUTABLE,
    "application/x-dosexec": _EXECUTABLE,
    "application/vnd.microsoft.portable-executable": _EXECUTABLE,
    "application/x-mach-binary": _EXECUTABLE,
    "application/zip": _ARCHIVE,
    "application/x-rar": _ARCHIVE,
    "application/vnd.rar": _ARCHIVE,
    "application/x-7z-compressed": _ARCHIVE,
    "application/gzip": _ARCHIVE,
    "application/msword": _OFFICE,
    "application/vnd.ms-excel": _OFFICE,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _OFFICE,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _OFFICE,
}

MESSAGES = {
    "upload_empty": _("“%(name)s” is empty. Please choose the file again and upload it."),
    "upload_too_large": _(
        "“%(name)s” is larger than %(limit)s MB. Please upload a smaller file (for example, a photo at lower "
        "resolution)."
    ),
    "upload_type_not_allowed": _("“%(name)s” is not a %(kinds)s file. Please choose a different file."),
    "upload_type_mismatch": _(
        "“%(name)s” is named like a %(claimed)s file, but it is actually %(actual)s. "
        "Please upload a real %(kinds)s file."
    ),
    "upload_image_unreadable": _(
        "“%(name)s” could not be opened as an image; the file may be damaged. "
        "Please take the photo again or choose another file."
    ),
    "upload_image_too_large_dimensions": _(
        "“%(name)s” has too many pixels (more than %(megapixels)s megapixels). "
        "Please upload a photo or scan at lower resolution."
    ),
    "upload_pdf_encrypted": _(
        "“%(name)s” is protected with a password or encryption. "
        "Please upload a copy of the PDF without protection (for example, print it again to a new PDF)."
    ),
    "upload_pdf_unreadable": _(
        "“%(name)s” could not be opened as a PDF; the file may be damaged or have no pages. "
        "Please save or export the document again and upload the new file."
    ),
    "upload_pdf_active_content": _(
        "“%(name)s” contains parts that could run by themselves when the document is opened (such as scripts, "
        "embedded files or form programs), and they could not be removed safely. Please print or export the "
        "document again to a new PDF and upload that file."
    ),
    "upload_virus": _(
        "“%(name)s” was refused because it contains a virus or other harmful content. "
        "Please check your device and upload a clean file."
    ),
    "upload_scan_unavailable": _("“%(name)s” could not be checked right now. Please try again later."),
}
_UNNAMED = _("unnamed file")
_OTHER_KIND = _("a different kind of file")


class UploadRejected(ValidationError):
    """An upload refused by the checks; `code` says which check, `params["name"]` names the file."""


def _reject(code: str, *, name: str, **params) -> UploadRejected:
    # Built through ValidationError's own signature so the error copies and pickles like any other.
    return UploadRejected(MESSAGES[code], code=code, params={"name": name or _UNNAMED, **params})


@dataclass(frozen=True)
class CleanUpload:
    """An upload that passed every check, ready to store under a generated name."""

    content: bytes  # the bytes to store (re-encoded for images, rewritten for PDFs)
    content_type: str  # sniffed MIME type
    extension: str  # from ALLOWED_TYPES
    original_name: str  # cleaned citizen file name, data only
    size: int  # len(content)
    sha256: str  # hex digest of content


def clean_original_name(name: str) -> str:
    """The citizen's file name as safe data: basename only, no control characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    # Browsers on Windows may send a full path with backslashes; keep only the last part either way.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Cc: control characters; Cf: invisible format characters such as the right-to-left override used to
    # make "gpj.exe" look like "exe.jpg".
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = name.strip()
    if name in (".", ".."):
        return ""
    if len(name) > MAX_ORIGINAL_NAME_LENGTH:
        stem, ext = os.path.splitext(name)
        if len(ext) > 16:  # not a real extension: cut plainly
            stem, ext = name, ""
        name = stem[: MAX_ORIGINAL_NAME_LENGTH - len(ext)].rstrip() + ext
    return name


def private_upload_name(*, prefix: str, extension: str, now: datetime | None = None) -> str:
    """A storage name `<prefix>/<yyyy>/<mm>/<uuid4 hex><ext>` that carries nothing from the citizen's file name."""
    if extension not in ALLOWED_TYPES.values():
        raise ValueError(f"extension must come from ALLOWED_TYPES, got {extension!r}")
    prefix = prefix.strip("/")
    if not prefix or any(part in ("", ".", "..") for part in prefix.split("/")):
        raise ValueError(f"invalid storage prefix {prefix!r}")
    now = now or timezone.now()
    return f"{prefix}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{extension}"


def _kinds_text(allowed: tuple[str, ...]) -> str:
    labels = [_KIND_LABELS[mime] for mime in allowed]
    if len(labels) == 1:
        return labels[0]
    return _("%(kinds)s or %(last)s") % {"kinds": ", ".join(labels[:-1]), "last": labels[-1]}


# Lazy so that the message is rendered in the language active when it is shown, not when it is raised.
_kinds_lazy = lazy(_kinds_text, str)
_number_lazy = lazy(number_format, str)


def _limit_megabytes(max_bytes: int) -> int | float:
    megabytes = max_bytes / (1024 * 1024)
    return int(megabytes) if megabytes == int(megabytes) else max(round(megabytes, 1), 0.1)


def _read_bounded(uploaded_file, max_bytes: int, name: str) -> bytes:
    """Read at most max_bytes; refuse as soon as the file turns out to be longer, whatever `.size` said."""
    declared = getattr(uploaded_file, "size", None)
    if isinstance(declared, int) and declared > max_bytes:
        raise _reject("upload_too_large", name=name, limit=_number_lazy(_limit_megabytes(max_bytes)))
    with contextlib.suppress(AttributeError, OSError, ValueError):  # a stream that cannot seek is read as it is
        uploaded_file.seek(0)
    buffer = bytearray()
    while True:
        chunk = uploaded_file.read(min(_READ_CHUNK, max_bytes + 1 - len(buffer)))
        if not chunk:
            break
        buffer += chunk
        if len(buffer) > max_bytes:
            raise _reject("upload_too_large", name=name, limit=_number_lazy(_limit_megabytes(max_bytes)))
    return bytes(buffer)


def _sniff(content: bytes) -> str:
    mime = magic.from_buffer(content[:_SNIFF_BYTES], mime=True)
    return _MIME_ALIASES.get(mime, mime)


def _check_type(content_type: str, original_name: str, allowed: tuple[str, ...], name: str) -> None:
    if content_type in allowed:
        # The content decides; a PNG named .jpg is simply stored as .png (the name is data only).
        return
    claimed = _EXTENSION_CLAIMS.get(os.path.splitext(original_name)[1].lower())
    if claimed in allowed:
        raise _reject(
            "upload_type_mismatch",
            name=name,
            claimed=_KIND_LABELS[claimed],
            actual=_DESCRIPTIONS.get(content_type, _OTHER_KIND),
            kinds=_kinds_lazy(allowed),
        )
    raise _reject("upload_type_not_allowed", name=name, kinds=_kinds_lazy(allowed))


def _reencode_image(content: bytes, content_type: str, name: str) -> bytes:
    """Decode fully and re-encode: drops trailing payloads and all metadata, applies the EXIF orientation."""
    image_format = _PIL_FORMATS[content_type]
    bomb = _reject("upload_image_too_large_dimensions", name=name, megapixels=MAX_IMAGE_PIXELS // 1_000_000)
    # Pillow's bomb warning becomes an error here. catch_warnings is process-global; the explicit pixel check
    # below is the real limit, this is a second line only.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content), formats=[image_format]) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise bomb
                image.load()
                try:
                    # In place: a photo already upright is not copied (a copy of 12 MP is ~36 MB and ~10 ms).
                    ImageOps.exif_transpose(image, in_place=True)
                except Exception:
                    # Broken EXIF must not refuse a photo that decodes; it is stored as it is, without EXIF.
                    logger.warning("Upload: could not apply EXIF orientation; storing unrotated", exc_info=True)
                upright = image
        except UploadRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise bomb from None
        except Exception as error:
            # Anything Pillow raises on hostile input (OSError, SyntaxError, ValueError, struct.error, ...).
            raise _reject("upload_image_unreadable", name=name) from error
    upright.info = {key: value for key, value in upright.info.items() if key in _KEPT_IMAGE_INFO}
    out = io.BytesIO()
    if image_format == "JPEG":
        # No exif= or xmp=: Pillow writes no metadata it is not given.
        upright.save(out, format="JPEG", quality=_JPEG_QUALITY, icc_profile=upright.info.get("icc_profile"))
    else:
        upright.save(out, format="PNG")
    return out.getvalue()


# What can act in a PDF (ISO 32000-1 12.6 actions, 12.5.6 annotations, 7.11 embedded files, 12.7 forms). A
# scan only needs to be looked at: the rewrite keeps pages, their content and appearance, and internal links.
_ACTIVE_KEYS = frozenset(
    {
        "/JS",  # JavaScript source of an action
        "/JavaScript",  # the document's JavaScript name tree
        "/AA",  # additional actions: on open, close, focus, mouse, keystroke, page visibility
        "/OpenAction",
        "/Next",  # actions chained after another
        "/EmbeddedFiles",
        "/EF",  # a file specification's embedded file
        "/AcroForm",
        "/XFA",
        "/RichMediaContent",
    }
)
_ACTION_TYPES = frozenset(
    {
        "/GoTo",
        "/GoToR",
        "/GoToE",
        "/GoToDp",
        "/Launch",
        "/Thread",
        "/URI",
        "/Sound",
        "/Movie",
        "/Hide",
        "/Named",
        "/SubmitForm",
        "/ResetForm",
        "/ImportData",
        "/JavaScript",
        "/SetOCGState",
        "/Rendition",
        "/Trans",
        "/GoTo3DView",
        "/RichMediaExecute",
    }
)
_KEPT_ACTIONS = frozenset({"/GoTo"})  # a jump to another page of the same document
_ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"})


def _resolved(value: PdfObject) -> PdfObject | None:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _is_active(value: PdfObject | None) -> bool:
    """An action other than a page jump, an embedded file, or an annotation that plays or carries content."""
    if not isinstance(value, DictionaryObject):
        return False
    action = value.get("/S")
    if value.get("/Type") == "/Action" or action in _ACTION_TYPES:
        return action not in _KEPT_ACTIONS
    return value.get("/Type") == "/EmbeddedFile" or value.get("/Subtype") in _ACTIVE_ANNOTATIONS


def _children(value: PdfObject) -> list[tuple[object, PdfObject]]:
    if isinstance(value, DictionaryObject):
        # Not up the page tree (towards the catalogue, which is not copied); a form field's /Parent is followed.
        in_page_tree = value.get("/Type") in ("/Page", "/Pages")
        return [(key, child) for key, child in value.items() if not (in_page_tree and key == "/Parent")]
    if isinstance(value, ArrayObject):
        return list(enumerate(value))
    return []


def _active_label(value: DictionaryObject) -> str:
    return str(value.get("/S") or value.get("/Subtype") or value.get("/Type"))


def _pdf_walk(roots: Iterable[PdfObject], *, remove: bool) -> list[str]:
    """Every active part reachable from roots (not up the page tree); with remove, cut each out where it hangs."""
    found = []
    seen: set[tuple[int, int]] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if _is_active(node):
            found.append(_active_label(node))
            continue
        if isinstance(node, DictionaryObject):
            for key in sorted(_ACTIVE_KEYS & set(node)):
                found.append(str(key))
                if remove:
                    del node[key]
        doomed = []
        for key, child in _children(node):
            if remove and _is_active(_resolved(child)):
                found.append(_active_label(_resolved(child)))
                doomed.append(key)
            else:
                stack.append(child)
        for key in reversed(doomed):  # reversed: array indexes stay valid while deleting
            del node[key]
    return found


def _rewrite_pdf(content: bytes, name: str) -> bytes:
    """A new PDF made of the upload's pages only, without scripts, actions, attachments or forms (security.md)."""
    try:
        reader = PdfReader(io.BytesIO(content))
        encrypted = reader.is_encrypted
        if not encrypted:
            pages = reader.pages
            page_count = len(pages)
            # Cleaned in the reader before copying, so nothing active is ever copied into the new file; the
            # catalogue (open action, name trees, forms, outlines) is not copied at all.
            _pdf_walk(pages, remove=True)
            writer = PdfWriter()
            for page in pages:
                writer.add_page(page)
            out = io.BytesIO()
            writer.write(out)
            rewritten = out.getvalue()
            # Checked again from the bytes: every object the new file holds, reachable or not.
            check = PdfReader(io.BytesIO(rewritten))
            objects = [check.get_object(idnum) for idnum in range(1, int(check.trailer["/Size"]))]
            left = _pdf_walk([obj for obj in objects if obj is not None], remove=False)
    except Exception as error:
        # pypdf raises many kinds of exception on malformed input; all of them mean "cannot read".
        raise _reject("upload_pdf_unreadable", name=name) from error
    if encrypted:
        # Even owner-password-only PDFs: encrypted content cannot be inspected or scanned reliably.
        raise _reject("upload_pdf_encrypted", name=name)
    if page_count == 0:
        raise _reject("upload_pdf_unreadable", name=name)
    if left:
        logger.warning("Upload refused: active PDF parts %s survived the rewrite", sorted(set(left)))
        raise _reject("upload_pdf_active_content", name=name)
    return rewritten


def _clamd_client():

    timeout = float(getattr(settings, "CLAMAV_TIMEOUT", 10))
    socket_path = getattr(settings, "CLAMAV_SOCKET", "")
    if socket_path:
        return clamd.ClamdUnixSocket(path=socket_path, timeout=timeout)
    host = getattr(settings, "CLAMAV_HOST", "127.0.0.1")
    port = int(getattr(settings, "CLAMAV_PORT", 3310))
    return clamd.ClamdNetworkSocket(host=host, port=port, timeout=timeout)


def scan_for_viruses(content: bytes, *, name: str = "") -> None:
    """Scan with clamd when settings.CLAMAV_ENABLED; refuse on a finding, and fail closed on any error."""
    if not getattr(settings, "CLAMAV_ENABLED", False):
        return
    digest = hashlib.sha256(content).hexdigest()
    try:
        result = _clamd_client().instream(io.BytesIO(content))
        status, signature = result["stream"]
    except Exception:
        # Unreachable daemon, timeout, size limit, garbled or empty answer: nothing unchecked gets through.
        logger.exception("Upload scan unavailable (sha256 %s); upload refused", digest)
        raise _reject("upload_scan_unavailable", name=name) from None
    if status == "FOUND":
        logger.warning("Upload refused: clamd found %s (sha256 %s)", signature, digest)
        raise _reject("upload_virus", name=name)
    if status != "OK":
        logger.error("Upload scan answered %r %r (sha256 %s); upload refused", status, signature, digest)
        raise _reject("upload_scan_unavailable", name=name)


def inspect_upload(
    uploaded_file, *, allowed_types: Iterable[str] = ALLOWED_TYPES, max_bytes: int = DEFAULT_MAX_BYTES
) -> CleanUpload:
    """Check a citizen's upload and return the bytes to store, or raise UploadRejected."""
    allowed = tuple(mime for mime in ALLOWED_TYPES if mime in set(allowed_types))
    unknown = set(allowed_types) - set(ALLOWED_TYPES)
    if unknown or not allowed:
        raise ValueError(f"allowed_types must be a non-empty subset of ALLOWED_TYPES, got {sorted(allowed_types)}")
    original_name = clean_original_name(getattr(uploaded_file, "name", "") or "")
    name = original_name

    raw = _read_bounded(uploaded_file, max_bytes, name)
    if not raw:
        raise _reject("upload_empty", name=name)
    scan_for_viruses(raw, name=name)

    content_type = _sniff(raw)
    _check_type(content_type, original_name, allowed, name)
    content = _rewrite_pdf(raw, name) if content_type == "application/pdf" else _reencode_image(raw, content_type, name)
    return CleanUpload(
        content=content,
        content_type=content_type,
        extension=ALLOWED_TYPES[content_type],
        original_name=original_name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
