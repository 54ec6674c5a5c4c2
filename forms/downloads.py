"""How a citizen's document leaves the private storage: streamed, or by a URL signed for minutes."""

from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, HttpResponseRedirect

from .uploads import ALLOWED_TYPES


def private_document_response(document, *, inline: bool, sandbox: bool = True):
    """Stream from local storage or redirect to a short-lived signed S3 URL; never cached, never sniffed."""
    storage = storages["private"]
    if isinstance(storage, FileSystemStorage):
        response = FileResponse(storage.open(document.object_name, "rb"), content_type=document.content_type)
    else:
        filename = f"{document.pk}{ALLOWED_TYPES.get(document.content_type, '')}"
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
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
