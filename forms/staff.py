"""The office's roles as Django groups, with the permissions each needs in the admin."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .constants import StaffRole

REVIEW_PERMISSIONS = ["intake.view_application", "intake.change_application"]
ROLE_PERMISSIONS = {
    StaffRole.OPERATOR: REVIEW_PERMISSIONS,
    StaffRole.VERIFIER: REVIEW_PERMISSIONS,
    StaffRole.SECTION_HEAD: ["intake.view_application", "dispatch.change_blankstocksettings"],
    StaffRole.SIAK_ADMIN: [
        "intake.view_application",
        "intake.add_jointleaveday",
        "intake.change_jointleaveday",
        "intake.view_jointleaveday",
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
