from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from forms.intake.retention import PERSONAL_DATA_HOOK
from forms.templatetags.application_extras import EXTRA_HOOK

from .personal_data import ChannelChoicesPersonalData


@hooks.register(EXTRA_HOOK)
def show_the_messages_on_the_case():
    return "review", "messaging/includes/message_log.html"


@hooks.register("register_log_actions")
def register_consent_actions(actions):
    actions.register_action(
        "messaging.whatsapp_consent", _("Give or withdraw WhatsApp consent"), _("Gave or withdrew WhatsApp consent")
    )


@hooks.register(PERSONAL_DATA_HOOK)
def register_channel_choices_personal_data():
    return ChannelChoicesPersonalData()
