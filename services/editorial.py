"""Who may change the published content, and the approval every change passes before going live."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from .models import ComplaintChannelSet, Kecamatan, Regulation

CONTENT_EDITORS = "Editor Konten"
APPROVERS = "Kepala Satuan Kerja Pelaksana"
WORKFLOW_NAME = "Persetujuan Kepala Satuan Kerja Pelaksana"

# Snippets under moderation: editors draft them, approvers publish them.
MODERATED_SNIPPETS = (Regulation, ComplaintChannelSet)


def _permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model)
    return Permission.objects.filter(
        content_type=content_type, codename__in=[f"{action}_{model._meta.model_name}" for action in actions]
    )


def _grant_pages(group, page, actions):
    for action in actions:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


@transaction.atomic
def editorial_groups_ensure(home: Page) -> tuple[Group, Group]:
    """Editors may draft pages and snippets; only approvers may publish them."""
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    for group in (editors, approvers):
        group.permissions.add(admin_access)
        group.permissions.add(*_permissions(Kecamatan, ["view"]))
        for model in MODERATED_SNIPPETS:
            group.permissions.add(*_permissions(model, ["add", "change", "view"]))
    for model in MODERATED_SNIPPETS:
        approvers.permissions.add(*_permissions(model, ["publish", "delete"]))
    approvers.permissions.add(*_permissions(Kecamatan, ["change"]))

    _grant_pages(editors, home, ["add", "change"])
    _grant_pages(approvers, home, ["add", "change", "publish", "lock", "unlock"])
    return editors, approvers


@transaction.atomic
def approval_workflow_ensure(home: Page, approvers: Group) -> Workflow:
    """One approval step by the Kepala Satuan Kerja Pelaksana, for every page and moderated snippet."""
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # workflow.workflow_tasks is a modelcluster relation that only saves with its parent; write the row directly.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    for model in MODERATED_SNIPPETS:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    return workflow
