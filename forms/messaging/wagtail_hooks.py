from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from forms.templatetags.application_extras import EXTRA_HOOK


@hooks.register(EXTRA_HOOK)
def show_the_messages_on_the_case():
    return "review", "messaging/includes/message_log.html"


@hooks.register("register_log_actions")
def register_consent_actions(actions):
    actions.register_action(
        "messaging.whatsapp_consent", _("Give or withdraw WhatsApp consent"), _("Gave or withdrew WhatsApp consent")
    )
