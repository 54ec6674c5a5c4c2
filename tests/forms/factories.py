"""Factories for accounts, application forms and applications (after Open Forms' submissions/tests/factories.py).

They write rows directly, without the intake's checks: for tests about who may see or move an application, not about
how one is submitted (those post the real form, tests/forms/test_applications.py).
"""

import hashlib

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from forms.constants import ApplicationStatus, Processing, StaffRole
from forms.intake.tracking import tracking_number_new
from forms.intake.uploads import private_upload_name
from forms.models import (
    Application,
    ApplicationDocument,
    ApplicationFormPage,
    CitizenProfile,
    StaffProfile,
    StatusChange,
)
from forms.office.storage import private_storage
from tests.conftest import give_second_factor
from tests.services.factories import KecamatanFactory, ServiceStandardPageFactory

from .helpers import VALID_KK, VALID_NIK
from .upload_samples import pdf_bytes

User = get_user_model()


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("Sandi-uji-2026!")

    class Meta:
        model = User
        skip_postgeneration_save = True


class _RoleMembershipFactory(DjangoModelFactory):
    """The user's row in the group named after their role (seeded by staff_roles_ensure / the editorial groups)."""

    group = factory.LazyAttribute(lambda o: Group.objects.get(name=o.role))

    class Meta:
        model = User.groups.through
        exclude = ["role"]

    role = StaffRole.OPERATOR


class StaffProfileFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory, is_staff=True)
    kecamatan = factory.SubFactory(KecamatanFactory)

    class Meta:
        model = StaffProfile


class StaffFactory(UserFactory):
    """An officer in one role's group with a TOTP second factor (so the admin opens); an operator sits in a kecamatan.

    ``StaffFactory(role=StaffRole.VERIFIER)`` is city-wide staff; ``StaffFactory(kecamatan=k)`` an operator at ``k``;
    ``StaffFactory(kecamatan=None)`` an operator who sits nowhere.
    """

    username = factory.Sequence(lambda n: f"petugas{n}")
    is_staff = True

    class Params:
        role = StaffRole.OPERATOR
        kecamatan = factory.Maybe(
            factory.LazyAttribute(lambda o: o.role == StaffRole.OPERATOR),
            yes_declaration=factory.SubFactory(KecamatanFactory),
            no_declaration=None,
        )

    membership = factory.RelatedFactory(
        _RoleMembershipFactory, factory_related_name="user", role=factory.SelfAttribute("..role")
    )
    staff_profile = factory.Maybe(
        "kecamatan",
        yes_declaration=factory.RelatedFactory(
            StaffProfileFactory, factory_related_name="user", kecamatan=factory.SelfAttribute("..kecamatan")
        ),
    )

    @factory.post_generation
    def second_factor(user, create, extracted, **kwargs):
        if create:
            give_second_factor(user)


class CitizenProfileFactory(DjangoModelFactory):
    user = factory.SubFactory(UserFactory)
    full_name = "Ani Lestari"
    mobile = "+6281234567890"

    class Meta:
        model = CitizenProfile


class _VerifiedEmailFactory(DjangoModelFactory):
    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True

    class Meta:
        model = EmailAddress


class CitizenFactory(UserFactory):
    """A citizen's account as sign-up leaves it: a verified e-mail address and a profile."""

    username = factory.Sequence(lambda n: f"warga{n}")
    citizen_profile = factory.RelatedFactory(CitizenProfileFactory, factory_related_name="user")
    email_address = factory.RelatedFactory(_VerifiedEmailFactory, factory_related_name="user")


class ApplicationFormPageFactory(wagtail_factories.PageFactory):
    """A live form under its own standard, applying for that standard's first variant."""

    title = factory.Sequence(lambda n: f"Formulir Uji {n}")
    parent = factory.SubFactory(ServiceStandardPageFactory)
    variant_code = factory.LazyAttribute(lambda o: o.parent.specific.variants[0].value["code"])
    tracking_prefix = "UJI"
    processing = Processing.CARD

    class Meta:
        model = ApplicationFormPage


class ApplicationFactory(DjangoModelFactory):
    """A submitted application of a citizen, at a kecamatan office, with the submitted step on its timeline."""

    page = factory.SubFactory(ApplicationFormPageFactory)
    form_data = factory.LazyFunction(dict)
    tracking_number = factory.LazyAttribute(
        lambda o: tracking_number_new(o.page.tracking_prefix, timezone.localdate().year)
    )
    applicant = factory.SubFactory(CitizenFactory)
    service = factory.LazyAttribute(lambda o: o.page.get_parent().specific)
    service_title = factory.SelfAttribute("service.title")
    variant_code = factory.SelfAttribute("page.variant_code")
    variant_name = factory.LazyAttribute(lambda o: (o.page.variant() or {}).get("name", o.page.title))
    processing = factory.SelfAttribute("page.processing")
    applicant_name = factory.LazyAttribute(
        lambda o: o.applicant.citizen_profile.full_name if hasattr(o.applicant, "citizen_profile") else ""
    )
    nik = VALID_NIK
    kk_number = VALID_KK
    mobile = "+6281234567890"
    kecamatan = factory.SubFactory(KecamatanFactory)
    submitted = factory.RelatedFactory(
        "tests.forms.factories.StatusChangeFactory",
        factory_related_name="application",
        from_status="",
        to_status=ApplicationStatus.SUBMITTED,
        by=factory.SelfAttribute("..applicant"),
    )

    class Meta:
        model = Application
        skip_postgeneration_save = True


class StatusChangeFactory(DjangoModelFactory):
    """One step on an application's timeline; the application's own status is left as it is."""

    application = factory.SubFactory(ApplicationFactory)
    from_status = factory.SelfAttribute("application.status")
    to_status = ApplicationStatus.ACCEPTED
    by = None

    class Meta:
        model = StatusChange


class ApplicationDocumentFactory(DjangoModelFactory):
    """A citizen's PDF, stored in the private storage under a generated name as the intake stores it."""

    application = factory.SubFactory(ApplicationFactory)
    field_name = "fotocopy_kartu_keluarga"
    label = "Fotocopy Kartu Keluarga"
    object_name = factory.LazyAttribute(
        lambda o: private_storage().save(
            private_upload_name(prefix=f"permohonan/{o.application.tracking_number}", extension=".pdf"),
            ContentFile(o.content),
        )
    )
    original_name = "kk.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())

    class Meta:
        model = ApplicationDocument

    class Params:
        content = factory.LazyFunction(pdf_bytes)
