from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints, suggestions and feedback (pengaduan, saran, masukan), handled in tiers as the standards promise."""

    name = "forms.complaints"
    label = "complaints"
    verbose_name = _("Complaints and suggestions")

    def ready(self):
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415 - imports Wagtail's models

        from .models import Complaint  # noqa: PLC0415 - models load after the app registry
        from .permissions import ComplaintPermissionPolicy  # noqa: PLC0415 - imports the models

        # Access follows the office's roles and kecamatan, not Django model permissions (see permissions.py).
        register_permission_policy(Complaint, ComplaintPermissionPolicy(Complaint))
