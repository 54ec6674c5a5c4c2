"""The staff's reads of applications, each narrowed by the office scope (forms.office.scope)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from forms.constants import FINAL_STATUSES
from forms.models import Application
from forms.office.scope import office_scope


def applications_visible_to(user, queryset=None):
    queryset = Application.objects.all() if queryset is None else queryset
    return office_scope(user).filter(queryset)


def application_log_entries_visible_to(user, entries):
    """Audit entries about applications narrowed to the applications the user may see; other entries stay."""
    if office_scope(user).is_city_wide:
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
