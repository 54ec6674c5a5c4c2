from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """The scheduled jobs: one scheduler per host, each job run once per period however many hosts run one."""

    name = "forms.jobs"
    label = "jobs"
    verbose_name = _("Scheduled jobs")
