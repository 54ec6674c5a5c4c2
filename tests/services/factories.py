"""Factories for the service standards and the kecamatan offices (after Open Forms' submissions/tests/factories.py)."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from services.models import Kecamatan, ServiceIndexPage, ServiceStandardPage
from services.seeding import complaint_channels_ensure


class KecamatanFactory(DjangoModelFactory):
    """A kecamatan office outside the seeded six (64.71.01-06), so it never collides with them."""

    name = factory.Sequence(lambda n: f"Kecamatan Uji {n}")
    region_code = factory.Sequence(lambda n: f"64.9{n // 100 % 10}.{n % 100:02d}")
    address = factory.LazyAttribute(lambda o: f"Kantor {o.name}")

    class Meta:
        model = Kecamatan


class ServiceStandardPageFactory(wagtail_factories.PageFactory):
    """A live standard under the seeded service index, with one variant (code ``uji``) that forms can apply for."""

    title = factory.Sequence(lambda n: f"Layanan Uji {n}")
    # The one service index the seed puts under the home page: standards may live nowhere else.
    parent = factory.LazyFunction(lambda: ServiceIndexPage.objects.get())
    variants = factory.LazyAttribute(
        lambda o: [("variant", {"name": o.variant_name, "code": o.variant_code, "requirements": [], "procedures": []})]
    )
    product = "Dokumen Kependudukan"
    complaint_channels = factory.LazyFunction(complaint_channels_ensure)
    supervision_internal = "Atasan langsung."
    supervision_external = "Ombudsman RI."
    service_guarantee = "Pelayanan sesuai standar."

    class Meta:
        model = ServiceStandardPage

    class Params:
        variant_code = "uji"
        variant_name = "Permohonan uji"
