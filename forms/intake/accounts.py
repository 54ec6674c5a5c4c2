"""What a citizen gives at sign-up beyond allauth's e-mail and password: a name and a mobile number."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forms.models import CitizenProfile
from portal.staff_access import can_open_admin

from .validators import MOBILE_HELP_TEXT, VisibleTextValidator, normalise_mobile


class CitizenSignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[VisibleTextValidator()],
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        help_text=MOBILE_HELP_TEXT,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_mobile(self):
        return normalise_mobile(self.cleaned_data["mobile"])

    def signup(self, request, user):
        user.first_name = self.cleaned_data["full_name"][:150]
        user.save(update_fields=["first_name"])
        CitizenProfile.objects.update_or_create(
            user=user, defaults={"full_name": self.cleaned_data["full_name"], "mobile": self.cleaned_data["mobile"]}
        )


class PortalAccountAdapter(DefaultAccountAdapter):
    """Staff land in the admin after logging in; citizens in their application history."""

    def get_login_redirect_url(self, request):
        if can_open_admin(request.user):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
