"""Staff accounts made in Wagtail's Users screen: nobody types a password for them; they get a set-up link by e-mail.

The link is allauth's own password-reset link (its key and its reset-from-key page), so it works once and expires
with PASSWORD_RESET_TIMEOUT; on their first visit to the admin they are then led to bind a TOTP authenticator.
"""

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm
from wagtail.users.views.users import CreateView, UserViewSet


class StaffUserCreationForm(UserCreationForm):
    """Wagtail's creation form, without passwords (WAGTAILUSERS_PASSWORD_ENABLED is off); one account per address."""

    def clean_email(self):
        email = self.cleaned_data["email"]
        if EmailAddress.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Another account already uses this e-mail address."), code="email_taken")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


@transaction.atomic
def staff_account_setup_send(*, request, user) -> None:
    """Record the office's address as the login e-mail and send the one-time link that sets the first password."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    adapter = get_account_adapter(request)
    token = account_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    setup_url = adapter.get_reset_password_from_key_url(f"{user_pk_to_url_str(user)}-{token}")
    context = {"user": user, "setup_url": setup_url, "days": settings.PASSWORD_RESET_TIMEOUT // 86400}

    def send():
        with allauth_context.request_context(request):
            adapter.send_mail("account/email/staff_account_setup", user.email, context)

    # Sent only once the account is stored, so a rolled-back creation mails no link.
    transaction.on_commit(send)


class StaffUserCreateView(CreateView):
    def save_instance(self):
        user = super().save_instance()
        staff_account_setup_send(request=self.request, user=user)
        return user


class StaffUserViewSet(UserViewSet):
    add_view_class = StaffUserCreateView

    def get_form_class(self, for_update=False):
        if for_update:
            return super().get_form_class(for_update=True)
        return StaffUserCreationForm
