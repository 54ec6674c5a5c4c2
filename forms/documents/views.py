"""The citizen's download of their issued document, and the public page that tells a genuine one apart."""

import hashlib
import hmac

from allauth.core import ratelimit
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from forms.intake.selectors import application_for_owner
from forms.office.downloads import private_document_response

from .forms import VerifyForm
from .models import IssuedDocument
from .selectors import document_for_citizen

VERIFY_LIMIT = "document_verify"


@never_cache
@login_required
def download(request, tracking_number):
    """Owner only, as often as they like once it was sent; anyone else's number is a 404."""
    application = application_for_owner(user=request.user, tracking_number=tracking_number)
    document = document_for_citizen(application)
    if document is None:
        raise Http404
    return private_document_response(document, inline=False)


def _is_the_issued_file(uploaded, document) -> bool:
    # Only hashed, never parsed: a hostile file has nothing here to exploit.
    if uploaded.size != document.size:
        return False
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    return hmac.compare_digest(digest.hexdigest(), document.sha256)


@never_cache
def verify(request, code):
    """What the QR opens: genuine, when and for which service; nothing about the person. A copy can be checked."""
    document = get_object_or_404(
        IssuedDocument.objects.only("code", "size", "sha256", "service_title", "issued_at"), code=code
    )
    form, result, limited = VerifyForm(), None, False
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if not ratelimit.consume(request, action=VERIFY_LIMIT):
            limited = True
        elif form.is_valid():
            result = "genuine" if _is_the_issued_file(form.cleaned_data["document"], document) else "altered"
    context = {"document": document, "form": form, "result": result, "limited": limited}
    return TemplateResponse(request, "documents/verify.html", context, status=429 if limited else 200)
