"""The office's roles as Django groups: who holds which, where an officer sits, and what each role may do."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from forms.constants import StaffRole

# The roles that work citizens' cases; content editors publish pages and have no business with them.
CASE_ROLES = frozenset(StaffRole) - {StaffRole.CONTENT_EDITOR}

REVIEW_PERMISSIONS = ["intake.view_application", "intake.change_application"]
ROLE_PERMISSIONS = {
    StaffRole.OPERATOR: REVIEW_PERMISSIONS,
    StaffRole.VERIFIER: REVIEW_PERMISSIONS,
    StaffRole.SECTION_HEAD: ["intake.view_application", "dispatch.change_blankstocksettings"],
    StaffRole.SIAK_ADMIN: [
        "intake.view_application",
        "intake.add_jointleaveday",
        "intake.change_jointleaveday",
        "intake.delete_jointleaveday",
        "intake.view_jointleaveday",
        "intake.add_officeclosure",
        "intake.change_officeclosure",
        "intake.delete_officeclosure",
        "intake.view_officeclosure",
        "dispatch.change_blankstocksettings",
    ],
    StaffRole.HEAD_OF_OFFICE: REVIEW_PERMISSIONS,
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def staff_roles_ensure() -> dict[str, Group]:
    """One group per Lampiran I role (the content editors' group is seeded with the content)."""
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for role, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.add(admin_access, *(_permission(p) for p in permissions))
        groups[role] = group
    return groups


def user_roles(user) -> set[str]:
    """The office roles this user holds (their Django groups named after Lampiran I's roles)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    # Kept on the user object for its request, as Django keeps its permissions: every admin menu item asks.
    roles = getattr(user, "_office_roles_cache", None)
    if roles is None:
        roles = set(user.groups.values_list("name", flat=True)) & set(StaffRole.values)
        user._office_roles_cache = roles
    return set(roles)


def user_kecamatan_id(user) -> int | None:
    """The kecamatan office this officer sits in, or None (city-wide staff and citizens sit in none)."""
    profile = getattr(user, "staff_profile", None)
    return profile.kecamatan_id if profile else None
