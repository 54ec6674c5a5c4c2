from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    """The community satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) and its index."""

    name = "forms.survey"
    label = "survey"
    verbose_name = _("Community satisfaction survey")

    def ready(self):
        from . import receivers  # noqa: F401, PLC0415 - connects the invitation to status changes once the apps are loaded
