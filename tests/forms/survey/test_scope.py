"""The survey's staff side follows the one office scope: an operator sees their own kecamatan, never another's."""

import pytest
from django.utils import timezone

from forms.constants import ApplicationStatus, Channel
from forms.survey.models import SurveyInvitation
from services.models import Kecamatan

from ..helpers import signed_in
from .helpers import make_application, make_responses

pytestmark = pytest.mark.django_db


def test_an_operator_of_utara_gets_404_on_a_kota_qr_and_sees_only_utaras_own_figures(seeded, staff):
    kota = Kecamatan.objects.get(name="Balikpapan Kota")
    utara = Kecamatan.objects.get(name="Balikpapan Utara")
    walk_in = make_application(status=ApplicationStatus.HANDED_OVER, channel=Channel.COUNTER, kecamatan=kota.name)
    SurveyInvitation.objects.create(application=walk_in)
    make_responses([(4,) * 9] * 5, answered_at=timezone.now(), kecamatan=kota)
    make_responses([(3,) * 9] * 6, answered_at=timezone.now(), kecamatan=utara)
    outsider = signed_in(staff["operator_elsewhere"])
    assert outsider.get(f"/admin/survei/qr/{walk_in.pk}/").status_code == 404
    home = outsider.get("/admin/survei/")
    assert walk_in.tracking_number not in home.content.decode()
    # The city's index (all 11 answers) and Utara's own (its 6); Kota's figure is not among them.
    assert [(figure["name"], figure["result"].respondents) for figure in home.context["figures"]] == [
        (None, 11),
        (utara.name, 6),
    ]
