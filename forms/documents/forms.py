from django import forms
from django.utils.translation import gettext_lazy as _

from forms.intake.builder import DocumentField
from forms.intake.uploads import DEFAULT_MAX_BYTES

PDF_ONLY = ["application/pdf"]


class CertifyForm(forms.Form):
    """The certified PDF SIAK produced, through the same checks as a citizen's upload."""

    document = DocumentField(
        label=_("Certified document (PDF from SIAK)"), allowed_types=PDF_ONLY, max_bytes=DEFAULT_MAX_BYTES
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)


class VerifyForm(forms.Form):
    """Anyone's copy of a document, only ever hashed: it is never opened, stored or shown again."""

    document = forms.FileField(label=_("Your copy of the document (PDF)"))
