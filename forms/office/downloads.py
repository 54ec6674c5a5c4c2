"""How a citizen's document leaves the private storage: streamed, or by a URL signed for minutes."""

from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponseRedirect

from forms.constants import ALLOWED_TYPES

# The document is its own sandboxed, script-less origin. Checked in Debian's chromium
# (tests/e2e/test_document_sandbox.py): an <img> of it still shows, and a PDF still opens in the built-in viewer.
SANDBOX_CSP = "default-src 'none'; sandbox"


def private_document_response(document, *, inline: bool, sandbox: bool = True, stream: bool = False):
    """Stream from local storage or redirect to a short-lived signed S3 URL; never cached, never sniffed.

    stream=True streams from S3 too, so that the sandbox and the other headers set here reach the browser:
    a signed S3 URL cannot carry a Content-Security-Policy.
    """
    storage = storages["private"]
    filename = f"{document.pk}{ALLOWED_TYPES.get(document.content_type, '')}"
    if isinstance(storage, FileSystemStorage) or stream:
        response = FileResponse(
            storage.open(document.object_name, "rb"),
            content_type=document.content_type,
            as_attachment=not inline,
            filename=filename,
        )
    else:
        disposition = "inline" if inline else "attachment"
        url = storage.url(
            document.object_name,
            parameters={
                "ResponseContentDisposition": f'{disposition}; filename="{filename}"',
                "ResponseContentType": document.content_type,
            },
        )
        response = HttpResponseRedirect(url)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    if sandbox:
        response["Content-Security-Policy"] = SANDBOX_CSP
    return response
