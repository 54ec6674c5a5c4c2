from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """The one messenger: every message the portal sends, its channels, its log and the citizens' choices."""

    name = "forms.messaging"
    label = "messaging"
    verbose_name = _("Messages")
