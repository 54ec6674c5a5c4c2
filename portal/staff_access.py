"""Who counts as staff: anyone who can open Wagtail's admin by some route, however the account was made."""

import uuid

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

# Every signed-in request asks (portal.middleware.SessionLimitsMiddleware); the permission part costs two queries,
# so its answer is kept until a group, a permission or a membership changes (access_changed), and at most this
# long where the cache is one process's own memory and another process made the change.
ACCESS_KEPT_SECONDS = 60
_GENERATION_KEY = "admin-access:generation"


def _user_key(user) -> str:
    return f"admin-access:user:{user.pk}"


def can_open_admin(user, *, fresh: bool = False) -> bool:
    """Superuser, Django's staff flag, or Wagtail's `access_admin` permission (every staff group grants it).

    `fresh` asks the database whatever is kept: for decisions that cannot wait a minute for another process.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    # Wagtail's own Users screen never sets is_staff: admin access comes from the groups' permission.
    if user.is_superuser or user.is_staff:
        return True
    if fresh:
        return user.has_perm("wagtailadmin.access_admin")
    allowed = getattr(user, "_admin_access_kept", None)  # asked again in the same request (the userbar)
    if allowed is not None:
        return allowed
    kept = cache.get_many([_GENERATION_KEY, _user_key(user)])
    generation = kept.get(_GENERATION_KEY, "")
    answer = kept.get(_user_key(user))
    if answer is not None and answer[0] == generation:
        allowed = answer[1]
    else:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(_user_key(user), (generation, allowed), ACCESS_KEPT_SECONDS)
    user._admin_access_kept = allowed
    return allowed


def access_changed(**kwargs) -> None:
    """Forget every kept answer: now, and again after the commit, so no answer read in between outlives it."""

    def forget():
        cache.set(_GENERATION_KEY, uuid.uuid4().hex, None)

    forget()
    transaction.on_commit(forget)


def connect() -> None:
    """Whatever can give or take Wagtail's access_admin: memberships, a group's or a user's permissions, groups."""
    user_model = get_user_model()
    for through in (user_model.groups.through, user_model.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(access_changed, sender=through, dispatch_uid=f"admin-access:{through._meta.label}")
    for model in (Group, Permission):
        post_delete.connect(access_changed, sender=model, dispatch_uid=f"admin-access:delete:{model._meta.label}")
    post_save.connect(access_changed, sender=Permission, dispatch_uid="admin-access:save:permission")


def second_factor_missing(user) -> bool:
    """True while a staff member has no TOTP authenticator (the demo accounts are exempt with DEBUG on only)."""
    if not settings.STAFF_MFA_REQUIRED:
        return False
    if settings.DEBUG and user.get_username() in settings.STAFF_MFA_EXEMPT_USERNAMES:
        return False
    return not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
