"""Hostile input to the admin (the rule data, change sets, golden scenarios, decisions): its
search box, list filters, sort and page links on every changelist, and hostile values in every
field of every add form (JSON fields included: NaN, "\\u0000" and deep nesting). Never a 500."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .checks import assert_no_live_markup, sent_values
from .conftest import HOSTILE, _hostile
from .strategies import hostile_value

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]

MODELS = sorted(f"{m._meta.app_label}_{m._meta.model_name}" for m in admin.site._registry)
PARAMETERS = ("q", "o", "p", "e", "all", "_changelist_filters", "country_code", "category", "kind", "province",
              "status", "teer", "valid_from__gte", "valid_to__lte", "id__in", "pk__gt", "in_force", "outcome",
              "decision__exact", "departs__exact", "_popup", "_to_field")


@pytest.fixture
def superuser_client(db):
    user = get_user_model().objects.create_superuser("root", password="unused-in-tests-1")
    return _hostile(user)


@pytest.mark.parametrize("model", MODELS)
@HOSTILE
@given(pairs=st.lists(st.tuples(st.sampled_from(PARAMETERS), hostile_value()), min_size=1, max_size=3))
def test_a_changelist_answers_hostile_search_filters_and_sorts(superuser_client, hostile_rules_admin, model, pairs):
    url = reverse(f"admin:{model}_changelist")
    for client in (hostile_rules_admin, superuser_client):
        response = client.get(url, pairs)
        assert response.status_code in (200, 302, 400, 403, 404), response.status_code
        assert_no_live_markup(response, sent_values(pairs))


def form_fields(page: str) -> list[str]:
    names = re.findall(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"', page)
    return sorted(set(names) - {"csrfmiddlewaretoken"})


@pytest.mark.parametrize("model", MODELS)
@HOSTILE
@given(data=st.data())
def test_an_add_form_refuses_hostile_values_on_their_fields(superuser_client, model, data):
    url = reverse(f"admin:{model}_add")
    page = superuser_client.get(url)
    if page.status_code != 200:
        assert page.status_code in (302, 403), page.status_code
        return
    fields = form_fields(page.content.decode())
    chosen = data.draw(st.lists(st.sampled_from(fields), min_size=1, unique=True)) if fields else []
    pairs = [(name, data.draw(hostile_value()) if name in chosen else "") for name in fields]
    response = superuser_client.post(url, pairs)
    assert response.status_code in (200, 302, 400, 403), response.status_code
    assert_no_live_markup(response, sent_values(pairs))


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"a": "\\u0000"}', '["\\ud800"]', "1" + "0" * 5000,
                                  "[" * 100_000 + "]" * 100_000])
def test_json_no_database_holds_is_refused_on_its_field(superuser_client, text):
    url = reverse("admin:rulesadmin_goldenscenario_add")
    response = superuser_client.post(url, {"code": "G-X", "title": "x", "case": text, "expected_outcome": "eligible"})
    assert response.status_code == 200
    assert 'id="id_case_error"' in response.content.decode()  # the case field is the one in error
