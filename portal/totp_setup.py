"""Binding a first TOTP authenticator needs a code e-mailed to the account's verified address, not the password alone.

allauth's own activate view and form do the binding; this adds the e-mail step in front of them: the portal's view
sits at allauth's URL (portal/urls.py) and `MFA_FORMS["activate_totp"]` refuses a binding without that step.
"""

import time

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from allauth.core import context, ratelimit
from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.views import ActivateTOTPView
from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

CODE_SECONDS = 10 * 60
CODE_TRIES = 5
# After the e-mailed code is accepted, the authenticator app must be bound within this long.
CONFIRMED_SECONDS = 10 * 60
SENT_KEY = "totp_email_code"
CONFIRMED_KEY = "totp_email_confirmed"


def _digest(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").upper()
    return salted_hmac("portal.totp_setup", normalised).hexdigest()


def verified_address(user) -> str | None:
    """Where the code goes: the primary verified address, else any verified one."""
    address = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    return address.email if address else None


def _state(request, key, user, lifetime):
    state = request.session.get(key)
    if not state or state.get("user") != user.pk or time.time() - state["at"] > lifetime:
        return None
    return state


def email_code_pending(request, user) -> bool:
    return _state(request, SENT_KEY, user, CODE_SECONDS) is not None


def email_confirmed(request, user) -> bool:
    return _state(request, CONFIRMED_KEY, user, CONFIRMED_SECONDS) is not None


def email_code_send(*, request, user) -> bool:
    """E-mail a fresh code (any earlier one stops working); False when the per-account limit says wait."""
    address = verified_address(user)
    if not address or not ratelimit.consume(request, action="totp_email_code", user=user):
        return False
    adapter = get_account_adapter(request)
    code = adapter.generate_email_verification_code()
    request.session[SENT_KEY] = {"user": user.pk, "at": time.time(), "digest": _digest(code), "failed": 0}
    adapter.send_mail("mfa/email/totp_setup_code", address, {"user": user, "code": code, "minutes": CODE_SECONDS // 60})
    return True


def email_code_check(*, request, user, code: str) -> bool:
    """Accept the pending code once; too many wrong tries discard it, so a new one has to be sent."""
    state = _state(request, SENT_KEY, user, CODE_SECONDS)
    if state is None:
        return False
    if constant_time_compare(state["digest"], _digest(code)):
        del request.session[SENT_KEY]
        request.session[CONFIRMED_KEY] = {"user": user.pk, "at": time.time()}
        return True
    state["failed"] += 1
    if state["failed"] >= CODE_TRIES:
        del request.session[SENT_KEY]
    else:
        request.session[SENT_KEY] = state
    return False


class EmailCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, request, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.request, self.user = request, user

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not email_code_check(request=self.request, user=self.user, code=code):
            raise ValidationError(
                _("This code is wrong or no longer valid. Check the latest e-mail, or send a new code."),
                code="incorrect_email_code",
            )
        return code


class EmailConfirmedActivateTOTPForm(ActivateTOTPForm):
    """allauth's activation form, refusing to bind unless this session has just confirmed the e-mailed code."""

    def clean(self):
        cleaned_data = super().clean()
        request = context.request
        if not email_confirmed(request, self.user):
            raise ValidationError(_("Confirm the code sent to your e-mail address first."), code="email_code_required")
        if not self.errors:
            request.session.pop(CONFIRMED_KEY, None)  # one confirmation binds one authenticator
        return cleaned_data


class TOTPActivateView(ActivateTOTPView):
    """allauth's activation page, behind a first step that e-mails a code to the verified address."""

    email_step_template = "mfa/totp/email_code_form.html"

    def get(self, request, *args, **kwargs):
        if not email_confirmed(request, request.user):
            return self._email_step(request, EmailCodeForm(request=request, user=request.user))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if email_confirmed(request, request.user):
            return super().post(request, *args, **kwargs)
        if "send" in request.POST:
            if email_code_send(request=request, user=request.user):
                return redirect(request.get_full_path())
            refused = verified_address(request.user) is not None  # else the page says a verified address is needed
            return self._email_step(request, EmailCodeForm(request=request, user=request.user), send_refused=refused)
        form = EmailCodeForm(request.POST, request=request, user=request.user)
        if form.is_valid():
            return redirect(request.get_full_path())
        return self._email_step(request, form)

    def _email_step(self, request, form, send_refused=False):
        address = verified_address(request.user)
        context = {
            "form": form,
            "email": address,
            "code_sent": email_code_pending(request, request.user),
            "send_refused": send_refused,
            "minutes": CODE_SECONDS // 60,
        }
        return TemplateResponse(request, self.email_step_template, context, status=429 if send_refused else 200)


totp_activate = TOTPActivateView.as_view()
