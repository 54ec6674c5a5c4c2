"""Which kecamatan a staff member may see: the one rule of every listing, detail, export, panel, report and guard.

City-wide roles see every kecamatan, and the records that name none; an operator sees the office they sit in; anyone
else sees nothing. A deployment or a later room changes the rule through the ``construct_office_scope`` hook (a
function taking the user and the scope so far, returning the scope), the way Wagtail's ``get_forms_for_user`` is
extended by ``filter_form_submissions_for_user``.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail import hooks

from forms.constants import StaffRole
from services.models import Kecamatan

from .roles import user_kecamatan_id, user_roles

# Roles that see every kecamatan; an operator sees only their own.
CITY_WIDE_ROLES = frozenset(
    {StaffRole.VERIFIER, StaffRole.SECTION_HEAD, StaffRole.HEAD_OF_OFFICE, StaffRole.SIAK_ADMIN}
)


@dataclass(frozen=True)
class OfficeScope:
    """The kecamatan a user may see: ``None`` for the whole city, else a set of kecamatan ids (maybe empty)."""

    kecamatan_ids: frozenset[int] | None

    @property
    def is_city_wide(self) -> bool:
        return self.kecamatan_ids is None

    @property
    def is_empty(self) -> bool:
        return self.kecamatan_ids is not None and not self.kecamatan_ids

    @property
    def own_kecamatan_id(self) -> int | None:
        """The one kecamatan of a scope narrower than the city, for figures shown per office; None otherwise."""
        if self.kecamatan_ids is not None and len(self.kecamatan_ids) == 1:
            return next(iter(self.kecamatan_ids))
        return None

    def allows(self, kecamatan_id) -> bool:
        return self.kecamatan_ids is None or kecamatan_id in self.kecamatan_ids

    def q(self, field: str = "kecamatan") -> Q:
        """The condition a row's ``field`` (a foreign key to Kecamatan) must meet."""
        if self.kecamatan_ids is None:
            return Q()
        if not self.kecamatan_ids:
            return Q(pk__in=[])
        return Q(**{f"{field}__in": sorted(self.kecamatan_ids)})

    def filter(self, queryset, field: str = "kecamatan"):
        if self.kecamatan_ids is None:
            return queryset
        if not self.kecamatan_ids:
            return queryset.none()
        return queryset.filter(self.q(field))

    def kecamatan(self):
        return self.filter(Kecamatan.objects.all(), field="pk")


CITY = OfficeScope(None)
NOTHING = OfficeScope(frozenset())


def office_scope(user) -> OfficeScope:
    """Which kecamatan this user may see."""
    roles = user_roles(user)
    if roles & CITY_WIDE_ROLES:
        scope = CITY
    elif StaffRole.OPERATOR in roles and user_kecamatan_id(user):
        scope = OfficeScope(frozenset({user_kecamatan_id(user)}))
    else:
        scope = NOTHING
    for extend in hooks.get_hooks("construct_office_scope"):
        scope = extend(user, scope)
    return scope


def is_office_staff(user) -> bool:
    """Staff who work citizens' cases somewhere: the office's roles with a kecamatan or the city in scope."""
    return not office_scope(user).is_empty


def user_may_act_at(user, kecamatan_id) -> bool:
    """The counter's, the print room's and the visit desk's moves: an operator, at an office in their scope."""
    return StaffRole.OPERATOR in user_roles(user) and office_scope(user).allows(kecamatan_id)
