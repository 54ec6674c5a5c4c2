from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Digital documents: the certified PDF the head of office attaches, the citizen downloads and anyone verifies."""

    name = "forms.documents"
    label = "documents"
    verbose_name = _("Issued documents")
