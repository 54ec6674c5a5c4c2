"""Screen readers hear a field's help and its error: every aria-describedby points at an element that exists."""

import re

import pytest
from django.test import Client

from ..helpers import lost_card_form, lost_card_post

pytestmark = pytest.mark.django_db


def _dangling_references(html):
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    referenced = {ref for group in re.findall(r'aria-describedby="([^"]+)"', html) for ref in group.split()}
    return referenced, referenced - ids


def test_the_application_forms_help_and_errors_are_tied_to_their_fields(citizen):
    client = Client()
    client.force_login(citizen)
    blank = client.get(lost_card_form().url).content.decode()
    referenced, dangling = _dangling_references(blank)
    assert "id_nik_helptext" in referenced and dangling == set()

    failed = client.post(lost_card_form().url, lost_card_post(nik="123")).content.decode()
    referenced, dangling = _dangling_references(failed)
    assert "id_nik_error" in referenced and dangling == set()
