from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """IKD activation visits: the citizen books a day at a kecamatan office, the operator calls and records."""

    name = "forms.visits"
    label = "visits"
    verbose_name = _("IKD visits")
