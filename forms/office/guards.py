"""The one guard of every staff screen outside Wagtail's own permission checks."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from .scope import is_office_staff


def office_staff_required(view):
    """Office staff only (PermissionDenied otherwise), never cached: these pages hold citizens' data."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_office_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapper)
