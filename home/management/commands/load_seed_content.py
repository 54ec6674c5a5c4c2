from django.core.management.base import BaseCommand

from forms.intake.seeding import application_forms_ensure
from forms.office.roles import staff_roles_ensure
from services.editorial import approval_workflow_ensure, editorial_groups_ensure
from services.models import DecreePage, ServiceStandardPage
from services.seeding import seed_content_load


class Command(BaseCommand):
    help = (
        "Publish both decrees and both service standards from the seed texts, with groups and workflow. Safe to rerun."
    )

    def handle(self, *args, **options):
        home = seed_content_load()
        _editors, approvers = editorial_groups_ensure(home)
        approval_workflow_ensure(home, approvers)
        application_forms_ensure()
        staff_roles_ensure()
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed content ready: {ServiceStandardPage.objects.live().count()} service standards, "
                f"{DecreePage.objects.live().count()} decrees."
            )
        )
