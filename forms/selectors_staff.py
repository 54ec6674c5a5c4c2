"""What a staff member may see: an operator their own kecamatan, the city-wide roles everything."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from .constants import CITY_WIDE_ROLES, FINAL_STATUSES, StaffRole
from .models import Application

_NOTHING = Q(pk__in=[])


def _application_scope(user) -> Q | None:
    """None for every application; otherwise the condition an application must meet for this user."""
    from .services import user_kecamatan_id, user_roles

    roles = user_roles(user)
    if roles & CITY_WIDE_ROLES:
        return None
    if StaffRole.OPERATOR in roles and user_kecamatan_id(user):
        return Q(kecamatan_id=user_kecamatan_id(user))
    return _NOTHING


def applications_visible_to(user, queryset=None):
    queryset = Application.objects.all() if queryset is None else queryset
    scope = _application_scope(user)
    if scope is None:
        return queryset
    return queryset.none() if scope is _NOTHING else queryset.filter(scope)


def application_log_entries_visible_to(user, entries):
    """Audit entries about applications narrowed to the applications the user may see; other entries stay."""
    if _application_scope(user) is None:
        return entries
    visible = applications_visible_to(user).annotate(key=Cast("pk", CharField())).values("key")
    about_applications = Q(content_type=ContentType.objects.get_for_model(Application))
    return entries.exclude(about_applications & ~Q(object_id__in=visible))


def application_for_staff(*, user, pk) -> Application:
    """One application the user may see, with what the review page shows; anything else is a 404."""
    queryset = applications_visible_to(user).select_related("kecamatan", "page", "applicant")
    try:
        return queryset.prefetch_related("documents", "history__reasons", "history__by").get(pk=pk)
    except (Application.DoesNotExist, ValueError):
        raise Http404 from None


def overdue_q(now=None):
    return Q(due_at__lt=now or timezone.now()) & ~Q(status__in=FINAL_STATUSES)
