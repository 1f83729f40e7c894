"""Golden scenarios: the shipped set passes on the seed rules; a broken expectation is shown failing
with why; the admin's run, import and export pages, and who may reach them."""

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eligibility.rulebook.codes import Category
from eligibility.rulebook.ruleset import RuleSet
from eligibility.snapshot import current_history
from rulesadmin import golden
from rulesadmin.models import GoldenScenario
from tests.case_examples import BASE_CASE, case, public_examples
from tests.eligibility import test_domain_cases as domain

DATA = Path(golden.__file__).resolve().parent / "data" / "golden_scenarios.jsonl"
SHIPPED = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
RUN, IMPORT, EXPORT, CHANGELIST, ADD = (f"admin:rulesadmin_goldenscenario_{name}"
                                        for name in ("run", "import", "export", "changelist", "add"))


def scenario(code="T-1", **changes) -> GoldenScenario:
    """An unsaved scenario over BASE_CASE (the public example P01: eligible in BC on the seed rules)."""
    values = dict(code=code, title="A test scenario", case=case(), expected_outcome="eligible", expected_not_met=[],
                  expected_undetermined=[], expected_work_permit_max_months=12, source="Tests")
    values.update(changes)
    return GoldenScenario(**values)


def jsonl_file(*rows, name="scenarios.jsonl"):
    text = "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n"
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/jsonl")


def row(code, **expected):
    return {"code": code, "title": f"Imported {code}", "source": "Tests", "case": case(),
            "expected": {"outcome": "eligible", **expected}}


# The shipped set ------------------------------------------------------------------------------
@pytest.mark.django_db
def test_shipped_scenarios_all_pass_on_the_seed_rules():
    stored = list(GoldenScenario.objects.all())
    results = golden.run(stored)

    assert len(stored) == len(SHIPPED) == 86  # the migrations loaded every line of the data file
    failing = {r.scenario.code: (r.differences, r.error) for r in results if not r.passed}
    assert failing == {}
    assert all(r.rules_version for r in results)


@pytest.mark.django_db
def test_shipped_scenarios_are_the_contract_examples_and_the_domain_cases_as_written():
    shipped = {r["code"]: r for r in SHIPPED}
    cases, expected = public_examples()
    for example, answer in zip(cases, expected, strict=True):
        if "error_field" in answer:  # the invalid example (P09) is not a scenario
            assert "contract-" + example["reference"] not in shipped
            continue
        got = shipped.pop("contract-" + example["reference"])
        assert got["case"] == example
        assert got["expected"]["outcome"] == answer["outcome"]
        assert got["expected"]["not_met"] == answer["not_met"]
        assert got["expected"]["undetermined"] == answer.get("undetermined", [])
    for param in domain.ROWS:
        changes, expect = param.values
        if expect.error or param.marks:
            assert param.id not in shipped
            continue
        got = shipped.pop(param.id)
        assert got["case"] == domain.domain_case(**changes)
        assert got["expected"]["outcome"] == expect.outcome
        assert set(got["expected"]["not_met"]) == expect.not_met
        assert set(got["expected"]["undetermined"]) == expect.undetermined
        assert got["expected"]["work_permit_max_months"] == expect.months
        assert got["expected"].get("spouse_open_work_permit") == expect.spouse
    assert shipped == {}  # nothing else


# Running ----------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_scenario_whose_expectation_no_longer_holds_is_shown_failing_with_why():
    holds = scenario("HOLDS")
    broken = scenario("BROKEN", expected_outcome="not_eligible", expected_not_met=["experience"],
                      expected_work_permit_max_months=24, expected_spouse_open_work_permit=True)

    ok, failed = golden.run([holds, broken])

    assert ok.passed and ok.differences == () and ok.outcome == "eligible"
    assert not failed.passed
    assert failed.outcome == "eligible" and failed.not_met == frozenset()
    why = {d.item: d for d in failed.differences}
    assert set(why) == {"outcome", "not_met", "work_permit_max_months", "spouse_open_work_permit"}
    assert (why["outcome"].expected, why["outcome"].actual) == ("not_eligible", "eligible")
    assert why["not_met"].missing == ["experience"] and why["not_met"].unexpected == []
    assert (why["work_permit_max_months"].expected, why["work_permit_max_months"].actual) == (24, 12)
    assert (why["spouse_open_work_permit"].expected, why["spouse_open_work_permit"].actual) == (True, None)  # no spouse


@pytest.mark.django_db
def test_the_spouse_result_is_checked_only_when_expected():
    with_spouse = case(spouse=True)
    results = golden.run([scenario("A", case=with_spouse, expected_spouse_open_work_permit=False),
                          scenario("B", case=with_spouse, expected_spouse_open_work_permit=None)])
    assert [(r.passed, r.spouse_open_work_permit) for r in results] == [(False, True), (True, True)]


@pytest.mark.django_db
def test_run_assesses_against_the_history_it_is_given():
    """The impact preview's use: the same scenarios against a draft's rules."""
    seed = current_history().on(date(2025, 3, 3))
    # A draft raising Mexico's professional experience from 24 to 36 months.
    draft_rules = tuple(dataclasses.replace(r, min_experience_months=36)
                        if (r.country, r.category) == ("MX", Category.PROFESSIONAL) else r
                        for r in seed.category_rules)
    draft = RuleSet(seed.countries, draft_rules, seed.listings, seed.regulations, seed.wages)

    class DraftHistory:
        def on(self, day):
            return draft

    stored = GoldenScenario.objects.filter(code__in=["E05", "C03", "C01"])
    now = {r.scenario.code: r for r in golden.run(stored)}
    then = {r.scenario.code: r for r in golden.run(stored, DraftHistory())}

    assert all(r.passed for r in now.values())
    assert then["C01"].passed and then["C03"].passed  # 36 months: still enough
    assert not then["E05"].passed  # exactly 24 months
    assert then["E05"].not_met == frozenset({"experience"})
    assert then["E05"].rules_version != now["E05"].rules_version


def test_a_scenario_that_cannot_be_assessed_is_a_failure_with_the_reason_not_a_crash():
    class NoRules:
        def on(self, day):
            return RuleSet(countries=(), category_rules=())

    class Broken:
        def on(self, day):
            raise RuntimeError("draft table missing")

    unparsable = scenario("BAD", case=case(province="ZZ"))
    no_rules, = golden.run([scenario("EMPTY")], NoRules())
    broken, = golden.run([scenario("BROKEN")], Broken())
    bad, = golden.run([unparsable], NoRules())

    assert not no_rules.passed and no_rules.error.kind == "no_rules" and no_rules.error.field == "received_on"
    assert not broken.passed and broken.error.kind == "engine_error" and "draft table missing" in broken.error.message
    assert not bad.passed and (bad.error.kind, bad.error.field) == ("invalid_case", "province")


# The model's validation -------------------------------------------------------------------------
def test_a_case_that_does_not_parse_is_refused_naming_the_case_field():
    with pytest.raises(ValidationError) as raised:
        scenario(case=case(wage={"amount": -5})).full_clean(validate_unique=False)
    assert list(raised.value.message_dict) == ["case"]
    assert "wage.amount" in raised.value.message_dict["case"][0]


def test_unknown_criterion_codes_are_refused():
    with pytest.raises(ValidationError) as raised:
        scenario(expected_not_met=["wages"], expected_undetermined="remuneration").full_clean(validate_unique=False)
    assert set(raised.value.message_dict) == {"expected_not_met", "expected_undetermined"}
    assert "wages" in raised.value.message_dict["expected_not_met"][0]


# The admin ---------------------------------------------------------------------------------------
def admin_form(**changes):
    data = {"code": "NEW-1", "title": "New", "source": "Tests", "active": "on", "case": json.dumps(case()),
            "expected_outcome": "eligible", "expected_work_permit_max_months": "12",
            "expected_spouse_open_work_permit": "unknown", "notes": ""}
    data.update(changes)
    return data


def test_bad_case_json_is_refused_naming_the_field(rules_admin_client):
    not_json = rules_admin_client.post(reverse(ADD), admin_form(case='{"country": "MX",\n  "status": }'))
    not_a_case = rules_admin_client.post(reverse(ADD), admin_form(case=json.dumps(case(noc_code="2131"))))

    assert not_json.status_code == not_a_case.status_code == 200  # the form again, not a redirect
    assert not_json.context["adminform"].form.errors["case"] == [
        "This is not valid JSON: Expecting value at line 2, column 13."]
    [message] = not_a_case.context["adminform"].form.errors["case"]
    assert message.startswith("The case does not parse at noc_code:")
    assert not GoldenScenario.objects.filter(code="NEW-1").exists()


def test_a_rules_admin_adds_a_scenario_with_criteria_as_codes(rules_admin_client):
    response = rules_admin_client.post(reverse(ADD), admin_form(
        case=json.dumps(case(experience_months=10)), expected_outcome="not_eligible",
        expected_not_met=["experience"]))

    assert response.status_code == 302
    stored = GoldenScenario.objects.get(code="NEW-1")
    assert (stored.expected_not_met, stored.expected_undetermined) == (["experience"], [])
    assert stored.case["experience_months"] == 10 and stored.expected_spouse_open_work_permit is None
    assert golden.run([stored])[0].passed


def test_the_case_is_edited_as_pretty_json(rules_admin_client):
    c01 = GoldenScenario.objects.get(code="C01")
    page = rules_admin_client.get(reverse("admin:rulesadmin_goldenscenario_change", args=[c01.pk]))
    assert '\n  &quot;country&quot;: &quot;AU&quot;,\n' in page.content.decode()


def test_run_all_counts_passes_and_failures_and_says_why(rules_admin_client, django_assert_max_num_queries):
    GoldenScenario.objects.filter(code="E05").update(expected_outcome="not_eligible", expected_not_met=["experience"])
    GoldenScenario.objects.filter(code="C02").update(active=False)
    current_history()  # the rules read once per process, as on a live server

    with django_assert_max_num_queries(8):  # not one per scenario
        page = rules_admin_client.get(reverse(RUN))

    html = page.content.decode()
    assert page.status_code == 200
    assert "84 passed, 1 failed, of 85 scenarios run." in html
    assert "1 inactive scenario was not run." in html
    rows = page.context["rows"]
    assert rows[0]["scenario"].code == "E05" and not rows[0]["passed"]  # failures first
    assert "Outcome: expected Not eligible, got Eligible." in html
    assert "Missing: Experience." in html
    assert "<caption>" in html and '<th scope="col">' in html


def test_jsonl_import_previews_row_errors_and_imports_nothing_until_confirmed(rules_admin_client):
    before = GoldenScenario.objects.count()
    upload = jsonl_file(
        row("IMP-1"),
        '{"code": "IMP-2", ',  # line 2: not JSON
        {**row("IMP-3"), "case": {**BASE_CASE, "province": "ZZ"}},
        row("IMP-4", not_met=["wages"]),
        {**row("IMP-5"), "colour": "red"},
        row("IMP-1"),  # line 6: the same code twice
    )
    preview = rules_admin_client.post(reverse(IMPORT), {"file": upload})

    problems = [(p.line, p.field) for p in preview.context["preview"].errors]
    assert problems == [(2, ""), (3, "case.province"), (4, "expected.not_met"), (5, "colour"), (6, "code")]
    assert "Confirm the import" not in preview.content.decode()
    assert GoldenScenario.objects.count() == before

    c01 = GoldenScenario.objects.get(code="C01")
    good = jsonl_file(row("IMP-1"), {**golden.scenario_row(c01), "title": "Renamed"})
    preview = rules_admin_client.post(reverse(IMPORT), {"file": good})
    summary = preview.context["preview"]
    assert [(n, s.code) for n, s in summary.creates] == [(1, "IMP-1")]
    assert [(n, s.code) for n, s in summary.updates] == [(2, "C01")]
    assert GoldenScenario.objects.count() == before and GoldenScenario.objects.get(code="C01").title != "Renamed"

    signed = preview.context["form"]["content"].value()
    done = rules_admin_client.post(reverse(IMPORT), {"content": signed, "confirm": "1"})

    assert done.status_code == 302
    assert GoldenScenario.objects.count() == before + 1
    assert GoldenScenario.objects.get(code="C01").title == "Renamed"
    assert GoldenScenario.objects.get(code="IMP-1").expected_not_met == []


def test_a_confirmation_with_altered_content_imports_nothing(rules_admin_client):
    preview = rules_admin_client.post(reverse(IMPORT), {"file": jsonl_file(row("IMP-1"))})
    signed = preview.context["form"]["content"].value()
    tampered = signed.replace(signed[-5:], "AAAAA")
    response = rules_admin_client.post(reverse(IMPORT), {"content": tampered, "confirm": "1"})

    assert response.status_code == 200
    assert "changed; upload it again" in response.content.decode()
    assert not GoldenScenario.objects.filter(code="IMP-1").exists()


def test_export_then_import_changes_nothing(rules_admin_client):
    exported = rules_admin_client.get(reverse(EXPORT))
    assert exported["Content-Disposition"] == 'attachment; filename="golden_scenarios.jsonl"'
    text = exported.content.decode()
    assert len(text.splitlines()) == len(SHIPPED)

    preview = rules_admin_client.post(reverse(IMPORT), {"file": SimpleUploadedFile("all.jsonl", text.encode())})
    summary = preview.context["preview"]
    assert (len(summary.unchanged), summary.creates, summary.updates, summary.errors) == (len(SHIPPED), [], [], [])


def test_the_changelist_links_run_import_and_export(rules_admin_client):
    html = rules_admin_client.get(reverse(CHANGELIST)).content.decode()
    for name in (RUN, IMPORT, EXPORT):
        assert f'href="{reverse(name)}"' in html


# Who may -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["officer", "supervisor"])
@pytest.mark.parametrize("name", [RUN, IMPORT, EXPORT, CHANGELIST])
def test_officer_cannot_reach_run_all(persona, name, client, request):
    """Officers and supervisors are not staff: the admin sends them to its sign-in page."""
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("admin:login") in response.url


def test_staff_without_the_golden_permissions_are_refused(client, db):
    clerk = get_user_model().objects.create_user("clerk", password="unused-in-tests-1", is_staff=True)
    client.force_login(clerk)
    assert [client.get(reverse(name)).status_code for name in (RUN, IMPORT, EXPORT)] == [403, 403, 403]


def test_the_rules_admin_role_carries_the_golden_scenario_permissions(rules_admin):
    assert all(rules_admin.has_perm(f"rulesadmin.{action}_goldenscenario")
               for action in ("view", "add", "change", "delete"))
