"""``manage.py assess``: the batch interface of shared/contract/assess.md, from the outside.

In-process through ``call_command`` (against the test database, seeded by migrations), and as a
real ``python manage.py assess`` subprocess against a throwaway SQLite database migrated once for
this module. Subprocess tests only check what does not depend on particular rule rows: exit codes,
the shape of the output, and that no traceback reaches the user.
"""

import contextlib
import io
import json
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.case_examples import REPO, case

RESULT_KEYS = {"reference", "outcome", "exemption_code", "criteria", "work_permit_max_months",
               "spouse_open_work_permit", "rules_version"}
CRITERIA = ["status", "occupation", "education", "experience", "credentials", "language", "remuneration",
            "employer", "documentation"]
OUTCOMES = {"eligible", "not_eligible", "needs_officer_review"}
RESULTS = {"met", "not_met", "undetermined"}
INVALID = 2


# Helpers ------------------------------------------------------------------------------------
def jsonl(*cases) -> str:
    return "".join(json.dumps(c) + "\n" for c in cases)


def write(tmp_path, name, text) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def pretty_objects(text: str) -> list:
    """The successive JSON values of the (non-jsonl) output, which are written one after another."""
    decoder, objects, at = json.JSONDecoder(), [], 0
    while text[at:].strip():
        while text[at].isspace():
            at += 1
        value, at = decoder.raw_decode(text, at)
        objects.append(value)
    return objects


def out_lines(out: str) -> list[str]:
    """The JSONL output's lines. Split on "\\n" only: a raw U+2028 or U+0085 inside a JSON string
    is legal and is not a line break of the format."""
    assert out == "" or out.endswith("\n")
    return out.split("\n")[:-1] if out else []


def run_command(*args, stdin: str | None = None, **options):
    """call_command with stdout captured as the real stdout would encode it; → (exit code, text)."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="", write_through=True)
    fake_stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    code = 0
    with contextlib.redirect_stdout(out), mock.patch("sys.stdin", fake_stdin):
        try:
            call_command("assess", *args, **options)
        except SystemExit as exit_:
            code = exit_.code
    return code, out.buffer.getvalue().decode("utf-8")


def assert_is_result(result: dict) -> None:
    assert set(result) == RESULT_KEYS
    assert result["outcome"] in OUTCOMES
    assert result["exemption_code"] == "T52"
    assert set(result["criteria"]) == set(CRITERIA)
    for name, finding in result["criteria"].items():
        assert set(finding) == {"result", "reason", "source"}, name
        assert finding["result"] in RESULTS, name
        assert isinstance(finding["reason"], str) and finding["reason"].strip(), name
        assert isinstance(finding["source"], str) and finding["source"].strip(), name
    results = {f["result"] for f in result["criteria"].values()}
    expected = ("not_eligible" if "not_met" in results
                else "needs_officer_review" if "undetermined" in results else "eligible")
    assert result["outcome"] == expected, "the outcome follows from the criteria as the contract says"
    assert isinstance(result["work_permit_max_months"], int) and result["work_permit_max_months"] >= 0
    assert result["spouse_open_work_permit"] in (True, False, None)
    assert isinstance(result["rules_version"], str) and result["rules_version"].strip()


def assert_is_error(result: dict, field: str | None = None) -> None:
    assert set(result) == {"reference", "error"}
    assert set(result["error"]) == {"field", "message"}
    # The dotted path of the field, or "case" for the case as a whole.
    assert isinstance(result["error"]["field"], str)
    assert isinstance(result["error"]["message"], str) and result["error"]["message"].strip()
    if field is not None:
        assert result["error"]["field"] == field


# One file, several files, standard input -----------------------------------------------------
@pytest.mark.django_db
def test_a_case_file_gives_one_pretty_result_with_exactly_the_contracts_keys(tmp_path):
    path = write(tmp_path, "case.json", json.dumps(case(reference="F-1"), indent=2))

    code, out = run_command(path)

    assert code == 0
    [result] = pretty_objects(out)
    assert_is_result(result)
    assert result["reference"] == "F-1"
    assert "\n  \"outcome\"" in out, "one object, indented"
    assert result["work_permit_max_months"] <= 12, "capped by employment_months"


@pytest.mark.django_db
def test_several_files_give_one_result_each_in_the_order_given(tmp_path):
    paths = [write(tmp_path, f"{ref}.json", json.dumps(case(reference=ref))) for ref in ("C", "A", "B")]

    code, out = run_command(*paths)

    assert code == 0
    results = pretty_objects(out)
    assert [r["reference"] for r in results] == ["C", "A", "B"]
    for result in results:
        assert_is_result(result)


@pytest.mark.django_db
def test_a_dash_reads_the_case_from_standard_input_in_its_place(tmp_path):
    before = write(tmp_path, "before.json", json.dumps(case(reference="before")))
    after = write(tmp_path, "after.json", json.dumps(case(reference="after")))

    code, out = run_command(before, "-", after, stdin=json.dumps(case(reference="stdin")))

    assert code == 0
    assert [r["reference"] for r in pretty_objects(out)] == ["before", "stdin", "after"]


@pytest.mark.django_db
def test_an_invalid_case_file_prints_its_error_in_place_and_exits_2(tmp_path):
    good = write(tmp_path, "good.json", json.dumps(case(reference="good")))
    bad = write(tmp_path, "bad.json", json.dumps(case(reference="bad", province="on")))

    code, out = run_command(bad, good)

    assert code == INVALID
    error, result = pretty_objects(out)
    assert_is_error(error, "province")
    assert error["reference"] == "bad"
    assert_is_result(result)


@pytest.mark.django_db
def test_a_missing_file_is_a_command_error_naming_the_file(tmp_path):
    missing = str(tmp_path / "no-such-case.json")
    with pytest.raises(CommandError, match="no-such-case.json"):
        call_command("assess", missing)


# --jsonl ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_jsonl_gives_one_line_per_case_in_order_errors_in_place_and_exit_2(tmp_path):
    lines = [
        json.dumps(case(reference="ok-1")),
        "",
        json.dumps(case(reference="bad-noc", noc_code="2130")),
        "   \t",
        json.dumps(case(reference="ok-2", category="technician")),
        "{this is not json",
        json.dumps(case(reference="bad-nested", education={"foo": 1})),
        json.dumps(case(reference=7)),
        json.dumps(case(reference="ok-3")),
    ]
    path = write(tmp_path, "cases.jsonl", "\n".join(lines) + "\n")

    code, out = run_command(path, jsonl=True)

    assert code == INVALID
    results = [json.loads(line) for line in out_lines(out)]
    assert len(results) == 7, "blank lines are skipped; every other line gets exactly one line"
    ok_1, bad_noc, ok_2, not_json, bad_nested, bad_reference, ok_3 = results
    for result, reference in ((ok_1, "ok-1"), (ok_2, "ok-2"), (ok_3, "ok-3")):
        assert_is_result(result)
        assert result["reference"] == reference
    assert_is_error(bad_noc, "noc_code")
    assert bad_noc["reference"] == "bad-noc"
    assert_is_error(not_json)
    assert not_json["reference"] is None
    assert_is_error(bad_nested, "education.foo")
    assert bad_nested["reference"] == "bad-nested"
    assert_is_error(bad_reference, "reference")
    assert bad_reference["reference"] is None, "only a text reference is echoed back"


@pytest.mark.django_db
def test_jsonl_with_only_valid_cases_exits_0(tmp_path):
    path = write(tmp_path, "cases.jsonl", jsonl(case(reference="a"), case(reference="b", spouse=True)))

    code, out = run_command(path, jsonl=True)

    assert code == 0
    assert [json.loads(line)["reference"] for line in out_lines(out)] == ["a", "b"]


@pytest.mark.django_db
def test_jsonl_reads_standard_input_with_a_dash():
    code, out = run_command("-", jsonl=True, stdin=jsonl(case(reference="in-1"), case(reference="in-2")))

    assert code == 0
    assert [json.loads(line)["reference"] for line in out_lines(out)] == ["in-1", "in-2"]


@pytest.mark.django_db
@pytest.mark.parametrize("line", ["NaN", "Infinity", '{"wage": -Infinity}', '{"a": 1} {"b": 2}', "[1, 2", "'x'"])
def test_jsonl_a_line_that_is_not_strict_json_is_an_error_object(line):
    code, out = run_command("-", jsonl=True, stdin=line + "\n" + json.dumps(case(reference="after")) + "\n")

    assert code == INVALID
    error, after = map(json.loads, out_lines(out))
    assert_is_error(error)
    assert_is_result(after)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [[], "case", None, 5])
def test_jsonl_a_line_that_is_json_but_not_an_object_is_an_error_object(value):
    code, out = run_command("-", jsonl=True, stdin=json.dumps(value) + "\n")

    assert code == INVALID
    [error] = map(json.loads, out_lines(out))
    assert_is_error(error, "case")


@pytest.mark.django_db
def test_a_case_gives_the_same_result_in_a_file_and_in_a_jsonl_batch(tmp_path):
    one = case(reference="same", country="JP", category="technician", noc_code="22300", regulated=False,
               licensed=False, education={"credential": "associate", "years": 2, "country": "JP"},
               experience_months=50, spouse=True)
    single = write(tmp_path, "one.json", json.dumps(one))
    batch = write(tmp_path, "many.jsonl", jsonl(case(reference="other"), one, case(reference="x", noc_code="1")))

    _, out_single = run_command(single)
    _, out_batch = run_command(batch, jsonl=True)

    [alone] = pretty_objects(out_single)
    assert json.loads(out_lines(out_batch)[1]) == alone


# Spouse, rules version, no writes --------------------------------------------------------------
@pytest.mark.django_db
def test_no_spouse_or_spouse_false_gives_a_null_open_work_permit_and_a_spouse_a_yes_or_no():
    no_spouse = case(reference="none")
    del no_spouse["regulated"]
    cases = [no_spouse, case(reference="false", spouse=False), case(reference="true", spouse=True)]

    _, out = run_command("-", jsonl=True, stdin=jsonl(*cases))

    absent, false, true = map(json.loads, out_lines(out))
    assert absent["spouse_open_work_permit"] is None
    assert false["spouse_open_work_permit"] is None
    assert true["spouse_open_work_permit"] in (True, False)


@pytest.mark.django_db
def test_cases_received_on_the_same_day_are_assessed_against_the_same_rules_version():
    cases = [case(reference=str(i), received_on="2025-03-03", experience_months=i) for i in (0, 30, 90)]

    _, out = run_command("-", jsonl=True, stdin=jsonl(*cases))

    versions = {json.loads(line)["rules_version"] for line in out_lines(out)}
    assert len(versions) == 1


def _row_counts() -> dict:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_the_command_writes_nothing_to_the_database(tmp_path):
    path = write(tmp_path, "cases.jsonl", jsonl(
        case(reference="a"), case(reference="b", spouse=True), case(reference="bad", country="ZZ"),
        case(reference="c", received_on="2019-06-01", prevailing_wage={"amount": 1, "unit": "hour"}),
    ))
    before = _row_counts()
    assert before["occupations.Listing"] > 0 and before["occupations.Country"] > 0, "the seed is loaded"

    with CaptureQueriesContext(connection) as queries:
        code, out = run_command(path, jsonl=True)

    assert code == INVALID and len(out_lines(out)) == 4
    assert _row_counts() == before
    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER"}]
    assert writes == []


# Edges that once crashed the batch --------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("received_on", ["2018-12-29", "0001-01-01"])
def test_a_case_received_before_any_rules_were_in_force_is_answered_not_crashed(received_on):
    stdin = jsonl(case(reference="early", received_on=received_on), case(reference="after"))

    code, out = run_command("-", jsonl=True, stdin=stdin)

    early, after = map(json.loads, out_lines(out))
    assert_is_error(early, "received_on")
    assert early["reference"] == "early"
    assert_is_result(after)
    assert code == INVALID


@pytest.mark.django_db
def test_a_deeply_nested_json_line_is_an_error_object_not_a_crash():
    # json raises RecursionError, not ValueError, on deep nesting.
    stdin = "[" * 100_000 + "]" * 100_000 + "\n" + json.dumps(case(reference="after")) + "\n"

    code, out = run_command("-", jsonl=True, stdin=stdin)

    assert code == INVALID
    error, after = map(json.loads, out_lines(out))
    assert_is_error(error)
    assert_is_result(after)


# Random input never breaks the command -------------------------------------------------------
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=20), st.sampled_from(["<script>alert(1)</script>", "'; DROP TABLE x; --",
                                                     "日本語", "\x00", "A1234567", "21300", "hour", "ON"])),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(max_size=10), children, max_size=3)),
    max_leaves=8,
)
MUTABLE = ["reference", "country", "status", "category", "noc_code", "position", "province", "regulated",
           "licence_required", "licensed", "education", "employer_letter", "experience_months", "language",
           "wage", "non_monetary", "prevailing_wage", "offer_number", "compliance_fee_paid", "employment_months",
           "documents", "spouse", "received_on"]


# A line of spaces and tabs is blank; whether a line of, say, U+001F or U+2028 is "blank" the
# contract does not say, so random text leaves those characters (and line ends) out.
LINE_ENDS_AND_UNICODE_ONLY_SPACE = "".join(
    c for c in map(chr, range(0x3000 + 1)) if c in "\r\n" or (c.isspace() and c not in " \t")
)


@st.composite
def input_lines(draw):
    kind = draw(st.sampled_from(["valid", "mutated", "nested", "json", "text"]))
    if kind == "valid":
        return json.dumps(case(reference=draw(st.text(max_size=10))))
    if kind in ("mutated", "nested"):
        data = case()
        field = draw(st.sampled_from(MUTABLE))
        value = draw(json_values)
        if kind == "nested" and isinstance(data.get(field), dict):
            data[field][draw(st.sampled_from(sorted(data[field])))] = value
        else:
            data[field] = value
        return json.dumps(data, ensure_ascii=draw(st.booleans()))
    if kind == "json":
        return json.dumps(draw(json_values))
    return draw(st.text(alphabet=st.characters(blacklist_characters=LINE_ENDS_AND_UNICODE_ONLY_SPACE,
                                               blacklist_categories=("Cs",)), max_size=60))


def check_output(lines: list[str], code, out: str) -> None:
    expected = [line for line in lines if line.strip(" \t")]
    outputs = [json.loads(line) for line in out_lines(out)]
    assert len(outputs) == len(expected), "one output line per non-blank input line"
    for line, result in zip(expected, outputs, strict=True):
        if "error" in result:
            assert_is_error(result)
        else:
            assert_is_result(result)
        try:
            data = json.loads(line)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("reference"), str):
            assert result["reference"] == data["reference"]
    assert code == (INVALID if any("error" in r for r in outputs) else 0)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(lines=st.lists(input_lines(), min_size=1, max_size=6))
def test_random_lines_always_give_one_json_result_or_error_per_line(lines):
    code, out = run_command("-", jsonl=True, stdin="\n".join(lines) + "\n")
    check_output(lines, code, out)


# As a real command: python manage.py assess ------------------------------------------------------
@pytest.fixture(scope="module")
def command_env(tmp_path_factory):
    """The environment of a user's shell, pointed at a freshly migrated throwaway database."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path_factory.mktemp('assess-db') / 'x.sqlite3'}"
    migrated = subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert migrated.returncode == 0, migrated.stderr
    return env


def manage_assess(env, *args, stdin: str | bytes = b""):
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run([sys.executable, "manage.py", "assess", *args], cwd=REPO, env=env, input=data,
                          capture_output=True, timeout=120)
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8", "replace")


def test_cli_a_case_file_prints_one_result_and_exits_0(command_env, tmp_path):
    path = write(tmp_path, "case.json", json.dumps(case(reference="cli")))

    code, out, err = manage_assess(command_env, path)

    assert code == 0, err
    [result] = pretty_objects(out)
    assert_is_result(result)
    assert result["reference"] == "cli"
    assert "Traceback" not in err


def test_cli_a_dash_reads_standard_input(command_env):
    code, out, err = manage_assess(command_env, "-", stdin=json.dumps(case(reference="piped")))

    assert code == 0, err
    [result] = pretty_objects(out)
    assert result["reference"] == "piped"


def test_cli_jsonl_with_an_invalid_line_exits_2_and_still_assesses_the_others(command_env, tmp_path):
    text = jsonl(case(reference="one"), case(reference="two", offer_number="B1234567")) + "\n" + "oops\n" \
        + jsonl(case(reference="three"))
    path = write(tmp_path, "cases.jsonl", text)

    code, out, err = manage_assess(command_env, "--jsonl", path)

    assert code == INVALID
    assert "Traceback" not in err
    one, two, oops, three = map(json.loads, out_lines(out))
    assert_is_result(one)
    assert_is_result(three)
    assert_is_error(two, "offer_number")
    assert_is_error(oops)
    assert [one["reference"], two["reference"], three["reference"]] == ["one", "two", "three"]


def test_cli_a_missing_file_fails_with_a_message_not_a_traceback(command_env, tmp_path):
    missing = str(tmp_path / "nowhere.json")

    code, out, err = manage_assess(command_env, missing)

    assert code != 0
    assert "nowhere.json" in err
    assert "Traceback" not in err
    assert out == ""


def test_cli_no_file_at_all_is_a_usage_error(command_env):
    code, _, err = manage_assess(command_env)

    assert code != 0
    assert "Traceback" not in err and err.strip()


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(lines=st.lists(input_lines(), min_size=1, max_size=8))
def test_cli_random_lines_never_print_a_traceback(command_env, lines):
    code, out, err = manage_assess(command_env, "--jsonl", "-", stdin="\n".join(lines) + "\n")

    assert "Traceback" not in err, err
    check_output(lines, code, out)


def test_cli_a_reference_with_a_lone_surrogate_does_not_crash_the_batch(command_env):
    stdin = jsonl(case(reference="before"), case(reference="\ud800"), case(reference="after"))
    assert "\\ud800" in stdin, "written as the JSON escape, which Python's json module accepts"

    code, out, err = manage_assess(command_env, "--jsonl", "-", stdin=stdin)

    assert "Traceback" not in err
    before, odd, after = map(json.loads, out_lines(out))
    assert (before["reference"], after["reference"]) == ("before", "after")
    assert_is_error(odd, "reference")
    assert code == INVALID


def test_cli_a_line_that_is_not_utf8_is_an_error_and_the_others_are_still_assessed(command_env, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        jsonl(case(reference="before")).encode("utf-8")
        + json.dumps(case(reference="café"), ensure_ascii=False).encode("latin-1") + b"\n"
        + jsonl(case(reference="après")).encode("utf-8")
    )

    code, out, err = manage_assess(command_env, "--jsonl", str(path))

    assert "Traceback" not in err
    assert code == INVALID
    before, latin, after = map(json.loads, out_lines(out))
    assert_is_error(latin, "case")
    assert (before["reference"], after["reference"]) == ("before", "après")


def test_cli_a_utf8_file_with_a_byte_order_mark_is_read(command_env, tmp_path):
    single = tmp_path / "bom.json"
    single.write_text(json.dumps(case(reference="bom")), encoding="utf-8-sig")
    lines = tmp_path / "bom.jsonl"
    lines.write_text(jsonl(case(reference="bom-1"), case(reference="bom-2")), encoding="utf-8-sig")

    code_single, out_single, _ = manage_assess(command_env, str(single))
    code_lines, out_lines_, _ = manage_assess(command_env, "--jsonl", str(lines))

    assert (code_single, code_lines) == (0, 0)
    assert [r["reference"] for r in pretty_objects(out_single)] == ["bom"]
    assert [json.loads(line)["reference"] for line in out_lines(out_lines_)] == ["bom-1", "bom-2"]


# Workers -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_workers_give_the_same_lines_in_the_same_order_as_one_process(monkeypatch):
    from eligibility.management.commands import assess as command

    monkeypatch.setattr(command, "BATCH_LINES", 3)  # several batches from a small input
    cases = [case(reference=f"c{i}", experience_months=i * 7) for i in range(10)]
    cases[4] = case(reference="c4", offer_number="B1234567")  # an invalid one in a middle batch
    stdin = jsonl(*cases)

    one_code, one_out = run_command("-", jsonl=True, workers=1, stdin=stdin)
    two_code, two_out = run_command("-", jsonl=True, workers=2, stdin=stdin)

    assert two_out == one_out
    assert [json.loads(line)["reference"] for line in out_lines(two_out)] == [f"c{i}" for i in range(10)]
    assert one_code == two_code == INVALID


@pytest.mark.django_db
def test_zero_workers_is_refused_with_a_message():
    with pytest.raises(CommandError, match="--workers"):
        call_command("assess", "-", jsonl=True, workers=0)


# --record ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_record_saves_each_valid_case_as_a_finalised_decision_by_the_officer(officer):
    from eligibility.casefile import parse_case
    from eligibility.models import Decision

    stdin = jsonl(case(reference="R1"), case(reference="R2", offer_number="B1"), case(reference="R3", country="VN"))

    code, out = run_command("-", jsonl=True, record=True, officer=officer.username, stdin=stdin)

    assert code == INVALID  # R2 is invalid and is not recorded
    printed = {r["reference"]: r for r in map(json.loads, out_lines(out))}
    recorded = {d.application_number: d for d in Decision.objects.all()}
    assert set(recorded) == {"R1", "R3"}
    for reference, decision in recorded.items():
        assert decision.officer == officer and decision.source == "batch"
        assert decision.outcome == printed[reference]["outcome"]
        assert decision.rules_version == printed[reference]["rules_version"]
        replayed = parse_case(decision.facts, decision.received_on)
        assert replayed.reference == reference and replayed.country == decision.country
    assert recorded["R3"].decision == "refuse" and not recorded["R3"].departs


@pytest.mark.django_db
def test_record_needs_an_officer_who_may_decide(rules_admin):
    with pytest.raises(CommandError, match="--officer"):
        call_command("assess", "-", record=True)
    with pytest.raises(CommandError, match="not an officer"):
        call_command("assess", "-", record=True, officer=rules_admin.username)
    with pytest.raises(CommandError, match="no active user"):
        call_command("assess", "-", record=True, officer="nobody-here")


@pytest.mark.django_db
def test_without_record_nothing_is_saved():
    from eligibility.models import Decision

    run_command("-", jsonl=True, stdin=jsonl(case(reference="N1")))

    assert not Decision.objects.exists()


def test_cli_a_database_never_migrated_gets_a_message_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"

    code, out, err = manage_assess(env, "--jsonl", "-", stdin=json.dumps(case(reference="x")) + "\n")

    assert code == 1 and out == ""
    assert "run `manage.py migrate` first" in err and "Traceback" not in err
