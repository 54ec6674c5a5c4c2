"""The one office scope (forms/office/scope.py): who sees which kecamatan, and how a deployment widens it."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail import hooks

from forms.constants import StaffRole
from forms.models import Application
from forms.office.scope import CITY, NOTHING, OfficeScope, is_office_staff, office_scope, user_may_act_at
from services.models import Kecamatan
from tests.forms.factories import ApplicationFactory, CitizenFactory, StaffFactory
from tests.forms.helpers import signed_in
from tests.services.factories import KecamatanFactory

pytestmark = pytest.mark.django_db
FORMS = Path(__file__).resolve().parents[3] / "forms"
CITY_WIDE = [StaffRole.VERIFIER, StaffRole.SECTION_HEAD, StaffRole.HEAD_OF_OFFICE, StaffRole.SIAK_ADMIN]


@pytest.fixture
def offices(seeded):
    """Two kecamatan offices, an application at each, and one that names no kecamatan."""
    here, there = KecamatanFactory(), KecamatanFactory()
    return {
        "here": here,
        "there": there,
        "at_here": ApplicationFactory(kecamatan=here),
        "at_there": ApplicationFactory(kecamatan=there),
        "nowhere": ApplicationFactory(kecamatan=None),
    }


def _visible(user):
    return set(office_scope(user).filter(Application.objects.all()))


@pytest.mark.parametrize("role", CITY_WIDE)
def test_city_wide_roles_see_every_kecamatan_and_applications_naming_none(offices, role):
    user = StaffFactory(role=role)
    scope = office_scope(user)
    assert scope == CITY and scope.is_city_wide and not scope.is_empty
    assert scope.own_kecamatan_id is None
    assert scope.allows(offices["there"].pk) and scope.allows(None)
    assert {offices["at_here"], offices["at_there"], offices["nowhere"]} <= _visible(user)
    assert set(scope.kecamatan()) == set(Kecamatan.objects.all())
    assert is_office_staff(user)
    assert not user_may_act_at(user, offices["here"].pk)  # the counter is the operators'


def test_an_operator_sees_their_own_kecamatan_only(offices):
    operator = StaffFactory(kecamatan=offices["here"])
    scope = office_scope(operator)
    assert scope == OfficeScope(frozenset({offices["here"].pk}))
    assert not scope.is_city_wide and not scope.is_empty
    assert scope.own_kecamatan_id == offices["here"].pk
    assert scope.allows(offices["here"].pk)
    assert not scope.allows(offices["there"].pk) and not scope.allows(None)
    assert _visible(operator) == {offices["at_here"]}
    assert list(scope.kecamatan()) == [offices["here"]]
    assert user_may_act_at(operator, offices["here"].pk) and not user_may_act_at(operator, offices["there"].pk)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: StaffFactory(kecamatan=None), id="operator-without-kecamatan"),
        pytest.param(lambda: StaffFactory(role=StaffRole.CONTENT_EDITOR), id="content-editor"),
        pytest.param(CitizenFactory, id="citizen"),
        pytest.param(lambda: StaffFactory(role=StaffRole.VERIFIER, is_active=False), id="inactive-verifier"),
        pytest.param(lambda: StaffFactory(is_active=False), id="inactive-operator"),
        pytest.param(AnonymousUser, id="anonymous"),
    ],
)
def test_anyone_else_gets_an_empty_scope(offices, make):
    user = make()
    scope = office_scope(user)
    assert scope == NOTHING and scope.is_empty and not scope.is_city_wide
    assert scope.own_kecamatan_id is None
    assert not scope.allows(offices["here"].pk) and not scope.allows(None)
    assert _visible(user) == set()
    assert not scope.kecamatan().exists()
    assert not is_office_staff(user)
    assert not user_may_act_at(user, offices["here"].pk)


def test_q_and_filter_name_the_field_that_points_at_the_kecamatan(offices):
    scope = office_scope(StaffFactory(kecamatan=offices["here"]))
    by_kecamatan = Kecamatan.objects.filter(applications__isnull=False)
    assert set(scope.filter(by_kecamatan, field="pk")) == {offices["here"]}
    assert set(Application.objects.filter(scope.q())) == {offices["at_here"]}
    assert not Application.objects.filter(NOTHING.q()).exists()
    assert Application.objects.filter(CITY.q()).count() == Application.objects.count()


def test_a_scope_of_several_offices_has_no_own_kecamatan(offices):
    both = OfficeScope(frozenset({offices["here"].pk, offices["there"].pk}))
    assert both.own_kecamatan_id is None
    assert set(both.filter(Application.objects.all())) == {offices["at_here"], offices["at_there"]}


def _widen_to(kecamatan):
    def widen(user, scope):
        if scope.is_city_wide or scope.is_empty:
            return scope
        return OfficeScope(scope.kecamatan_ids | {kecamatan.pk})

    return widen


def test_the_construct_office_scope_hook_widens_every_room_at_once(offices):
    operator = StaffFactory(kecamatan=offices["here"])
    review = f"/admin/permohonan/review/{offices['at_there'].pk}/"
    client = signed_in(operator)
    assert client.get(review).status_code == 404
    with hooks.register_temporarily("construct_office_scope", _widen_to(offices["there"])):
        scope = office_scope(operator)
        assert scope.allows(offices["there"].pk) and scope.own_kecamatan_id is None
        assert _visible(operator) == {offices["at_here"], offices["at_there"]}
        # The review page reads through the same rule: the widened operator now opens the other office's case.
        response = client.get(review)
        assert response.status_code == 200
        assert offices["at_there"].tracking_number in response.content.decode()
        # A hook widens what is there; it gives nothing to someone the office rule refused.
        assert office_scope(CitizenFactory()).is_empty
    assert client.get(review).status_code == 404


def test_city_wide_roles_are_named_only_in_the_scope_module():
    """One rule: no other module of forms/ tests CITY_WIDE_ROLES to decide who sees what."""
    elsewhere = sorted(
        str(path.relative_to(FORMS.parent))
        for path in FORMS.rglob("*.py")
        if "migrations" not in path.parts
        and path != FORMS / "office" / "scope.py"
        and "CITY_WIDE_ROLES" in path.read_text(encoding="utf-8")
    )
    assert elsewhere == []
