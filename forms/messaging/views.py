from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache

from . import channels
from .constants import Channel
from .messenger import mask_address, preference_for
from .preferences import channel_preference_update


class ChannelPreferenceForm(django_forms.Form):
    email = django_forms.BooleanField(label=gettext_lazy("E-mail"), required=False)
    whatsapp = django_forms.BooleanField(
        label=pgettext_lazy("message channel", "WhatsApp"),
        required=False,
        help_text=gettext_lazy(
            "I agree that the office sends me messages about my applications by WhatsApp to my mobile number. "
            "I can withdraw this at any time here."
        ),
    )
    sms = django_forms.BooleanField(label=gettext_lazy("SMS"), required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("email", "whatsapp", "sms")):
            raise django_forms.ValidationError(_("Choose at least one channel, so the office can reach you."))
        return data


@never_cache
@login_required
def channel_preferences(request):
    """The citizen chooses how the office writes to them; a channel this server cannot send on says so."""
    preference = preference_for(request.user)
    profile = getattr(request.user, "citizen_profile", None)
    initial = {"email": preference.email, "whatsapp": preference.whatsapp, "sms": preference.sms}
    form = ChannelPreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        channel_preference_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your choice of channels is saved."))
        return redirect("messaging:channel_preferences")
    context = {
        "form": form,
        "preference": preference,
        "mobile": mask_address(profile.mobile) if profile and profile.mobile else "",
        "channel_on": {channel: channels.enabled(channel) for channel in Channel.values},
    }
    return TemplateResponse(request, "messaging/channel_preferences.html", context)
