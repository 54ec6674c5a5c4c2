"""Who counts as staff: anyone who can open Wagtail's admin by some route, however the account was made."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings


def can_open_admin(user) -> bool:
    """Superuser, Django's staff flag, or Wagtail's `access_admin` permission (every staff group grants it)."""
    if not user.is_authenticated or not user.is_active:
        return False
    # Wagtail's own Users screen never sets is_staff: admin access comes from the groups' permission.
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def second_factor_missing(user) -> bool:
    """True while a staff member has no TOTP authenticator (the demo accounts are exempt with DEBUG on only)."""
    if not settings.STAFF_MFA_REQUIRED:
        return False
    if settings.DEBUG and user.get_username() in settings.STAFF_MFA_EXEMPT_USERNAMES:
        return False
    return not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
