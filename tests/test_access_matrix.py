"""Every page for every role: allowed, refused, or sent to sign in. A page added without an entry in
EXPECTED fails here, so access is decided, not inherited by accident."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.supervision.recorded import record

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "officer", "supervisor", "rules_admin")
OK, DENIED, LOGIN, NOT_FOUND = "ok", "denied", "login", "not found"

# What each role gets on a GET of each page (an officer on their own objects).
EXPECTED = {
    "home": {"officer": OK, "supervisor": OK, "rules_admin": OK},
    "wizard-start": {"officer": "method", "supervisor": "method", "rules_admin": "method"},  # POST only
    "wizard-step": {"officer": OK, "supervisor": DENIED, "rules_admin": DENIED},
    "noc-suggestions": {"officer": OK, "supervisor": OK, "rules_admin": OK},
    "decision-detail": {"officer": OK, "supervisor": OK, "rules_admin": NOT_FOUND},
    "decision-correct": {"officer": "method", "supervisor": "method", "rules_admin": "method"},  # POST only
    "rules-in-force": {"officer": OK, "supervisor": OK, "rules_admin": OK},
    "login": {"anonymous": OK, "officer": OK, "supervisor": OK, "rules_admin": OK},
    "health": {"anonymous": OK, "officer": OK, "supervisor": OK, "rules_admin": OK},  # probes have no account
    "logout": {"officer": "method", "supervisor": "method", "rules_admin": "method"},
    "supervision:queue": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:review": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:sampling": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:access-log": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    # An officer may read the record and replay of their own decisions.
    "supervision:record": {"officer": OK, "supervisor": OK, "rules_admin": NOT_FOUND},
    "supervision:record-pdf": {"officer": OK, "supervisor": OK, "rules_admin": NOT_FOUND},
    "supervision:replay": {"officer": OK, "supervisor": OK, "rules_admin": NOT_FOUND},
    "supervision:search": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:export": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:reports": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:report-csv": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "supervision:report-svg": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
    "security:keep-alive": {"officer": "method", "supervisor": "method", "rules_admin": "method"},  # POST only
    "security:log": {"officer": DENIED, "supervisor": OK, "rules_admin": DENIED},
}
# Pages that take a primary key, and which object's.
KWARGS = {"wizard-step": ("draft", {"step": "case"}), "decision-detail": ("decision", {}),
          "decision-correct": ("decision", {}), "supervision:review": ("decision", {}),
          "supervision:record": ("decision", {}), "supervision:record-pdf": ("decision", {}),
          "supervision:replay": ("decision", {}),
          "supervision:report-csv": (None, {"name": "months"}), "supervision:report-svg": (None, {"name": "months"})}
for entry in EXPECTED.values():
    entry.setdefault("anonymous", LOGIN)


def named_pages(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or "i18n" in str(pattern.pattern):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_pages(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_page_has_an_expected_answer_for_every_role():
    assert sorted(set(named_pages()) - set(EXPECTED)) == []


@pytest.fixture
def objects(officer):
    from eligibility import services

    decision = record(officer, decision="approve")
    return {"decision": decision, "draft": services.start_assessment(officer)}


def outcome(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code == 302 and "/accounts/login/" in response.url:
        return LOGIN
    return {403: DENIED, 404: NOT_FOUND, 405: "method"}.get(response.status_code, str(response.status_code))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_it_should_on_every_page(role, request, client, objects):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    got, wanted = {}, {}
    for name, expected in EXPECTED.items():
        kind, extra = KWARGS.get(name, (None, {}))
        url = reverse(name, kwargs={"pk": objects[kind].pk, **extra} if kind else (extra or None))
        got[name], wanted[name] = outcome(client.get(url)), expected[role]
    assert got == wanted


@pytest.mark.parametrize("name", [n for n in KWARGS if EXPECTED[n]["officer"] == OK])
def test_another_officers_objects_cannot_be_reached_by_guessing_their_id(name, objects, other_officer_client):
    kind, extra = KWARGS[name]
    response = other_officer_client.get(reverse(name, kwargs={"pk": objects[kind].pk, **extra}))
    assert response.status_code == 404


def test_the_rule_data_admin_is_for_rules_admins_only(client, supervisor, officer, rules_admin):
    url = reverse("admin:occupations_listing_changelist")
    for user, allowed in [(officer, False), (supervisor, False), (rules_admin, True)]:
        client.force_login(user)
        response = client.get(url)
        assert (response.status_code == 200) is allowed, user.username


# The pages that only take a POST: who may act.
POSTED = {
    "wizard-start": {"anonymous": LOGIN, "officer": "redirect", "supervisor": DENIED, "rules_admin": DENIED},
    "decision-correct": {"anonymous": LOGIN, "officer": "redirect", "supervisor": DENIED, "rules_admin": DENIED},
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_or_may_not_act_on_the_post_only_pages(role, request, client, objects):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    got = {}
    for name in POSTED:
        kind, extra = KWARGS.get(name, (None, {}))
        response = client.post(reverse(name, kwargs={"pk": objects[kind].pk, **extra} if kind else None))
        got[name] = "redirect" if response.status_code == 302 and "/accounts/login/" not in response.url \
            else outcome(response)
    assert got == {name: expected[role] for name, expected in POSTED.items()}
