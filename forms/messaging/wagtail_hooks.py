from wagtail import hooks

from forms.templatetags.application_extras import EXTRA_HOOK


@hooks.register(EXTRA_HOOK)
def show_the_messages_on_the_case():
    return "review", "messaging/includes/message_log.html"
