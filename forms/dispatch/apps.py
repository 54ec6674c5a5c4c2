from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    """Print dispatch at the kecamatan: the print queue, the blank-card ledger, returns and hand-over."""

    name = "forms.dispatch"
    label = "dispatch"
    verbose_name = _("Print dispatch and blank cards")
