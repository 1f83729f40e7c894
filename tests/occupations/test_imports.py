"""Import and export of the rule tables in the admin (CSV, XLSX), and the NOC 2021 structure import.

An import only ever adds draft rows to a draft change set, after a dry run that writes nothing."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from occupations import publishing
from occupations.models import Listing, Regulation, UnitGroup, WageRate
from tests.rule_changes import rules_admin

pytestmark = pytest.mark.django_db

LISTING_COLUMNS = ["country_code", "category", "kind", "noc_code", "only_if", "unless", "judgement", "wording",
                   "wording_fr", "officer_confirms", "needs_review", "review_note", "valid_from", "valid_to", "source",
                   "citation_en", "citation_fr"]
CSV_FORMAT, XLSX_FORMAT = "0", "1"  # the formats offered, in order


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


def listing(noc="21231", **values) -> dict:
    row = {"country_code": "AU", "category": "technician", "kind": "permitted", "noc_code": noc, "only_if": "",
           "unless": "", "judgement": "", "wording": "Software engineers", "wording_fr": "Ingénieurs en logiciel",
           "officer_confirms": "0", "needs_review": "0", "review_note": "", "valid_from": tomorrow(), "valid_to": "",
           "source": "PDI, Annex (test)", "citation_en": "Annex (test)", "citation_fr": "Annexe (essai)"}
    return {**row, **values}


def csv_file(rows, columns=LISTING_COLUMNS, name="listings.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, columns, name="rows.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row[c] for c in columns])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@pytest.fixture
def draft():
    return publishing.open_change_set(rules_admin("rules-author"), "Imported rows")


def preview(client, upload, change_set, model="listing", file_format=CSV_FORMAT):
    data = {"resource": "0", "format": file_format, "import_file": upload}
    if change_set is not None:
        data["change_set"] = change_set.pk
    return client.post(reverse(f"admin:occupations_{model}_import"), data)


def confirm(client, previewed, model="listing"):
    return client.post(reverse(f"admin:occupations_{model}_process_import"), previewed.context["confirm_form"].initial)


def test_a_csv_import_adds_draft_rows_to_the_chosen_change_set_after_a_dry_run(rules_admin_client, draft):
    published_before = set(Listing.objects.filter(published=True).values_list("pk", "revision"))
    upload = csv_file([listing("21231"), listing("21232", wording="Software developers", needs_review="1")])

    previewed = preview(rules_admin_client, upload, draft)

    body = previewed.content.decode()
    assert previewed.status_code == 200 and previewed.context["confirm_form"] is not None
    assert "Confirm to add these 2 rows as drafts to change set" in body and "21232" in body
    assert not Listing.objects.filter(change_set=draft).exists()  # the dry run wrote nothing

    done = confirm(rules_admin_client, previewed)

    assert done.status_code == 302
    rows = Listing.objects.filter(change_set=draft).order_by("unit_group")
    assert [(r.unit_group_id, r.published, r.replaces_id, r.needs_review) for r in rows] == [
        ("21231", False, None, False), ("21232", False, None, True)]
    assert set(Listing.objects.filter(published=True).values_list("pk", "revision")) == published_before
    assert rows[0].history.get().history_user.username == "rulesadmin"  # the history says who imported it
    page = rules_admin_client.get(done.url)
    assert f"2 draft rows added to change set #{draft.pk}" in page.content.decode()


def test_ids_in_the_file_are_ignored_and_no_row_is_updated(rules_admin_client, draft):
    plumbers = Listing.objects.filter(published=True, unit_group="72300").first()
    upload = csv_file([{**listing("21231"), "id": plumbers.pk}], columns=["id", *LISTING_COLUMNS])

    confirm(rules_admin_client, preview(rules_admin_client, upload, draft))

    [added] = Listing.objects.filter(change_set=draft)
    assert added.pk != plumbers.pk and added.unit_group_id == "21231"
    plumbers.refresh_from_db()
    assert plumbers.unit_group_id == "72300" and plumbers.published


def test_an_xlsx_import_works_too(rules_admin_client, draft):
    columns = ["noc_code", "province", "regulated", "regulator", "regulator_fr", "valid_from", "valid_to", "source",
               "citation_en", "citation_fr"]
    assert not Regulation.objects.filter(unit_group="10010", province="ON").exists()
    row = {"noc_code": 10010, "province": "ON", "regulated": True, "regulator": "A test regulator",
           "regulator_fr": "Un organisme de réglementation d'essai",
           "valid_from": timezone.localdate() + timedelta(days=1), "valid_to": None, "source": "Test source",
           "citation_en": "A test source", "citation_fr": "Une source d'essai"}

    previewed = preview(rules_admin_client, xlsx_file([row], columns), draft, model="regulation",
                        file_format=XLSX_FORMAT)
    assert previewed.context["confirm_form"] is not None, previewed.content.decode()
    confirm(rules_admin_client, previewed, model="regulation")

    [added] = Regulation.objects.filter(change_set=draft)
    assert (added.unit_group_id, added.province, added.regulated, added.published) == ("10010", "ON", True, False)


@pytest.mark.parametrize(("bad", "column", "message"), [
    ({"noc_code": "21239"}, "noc_code", "No NOC 2021 unit group has the code 21239."),
    ({"noc_code": "2123X"}, "noc_code", "“2123X” is not a NOC 2021 code"),
    ({"valid_from": "31/01/2027"}, "valid_from", "“31/01/2027” is not a date: write it as YYYY-MM-DD"),
    ({"country_code": "au"}, "country_code", "A country code is 2 capital letters"),
    ({"country_code": "ZZ"}, "country_code", "No country has the code ZZ"),
    ({"category": "artist"}, "category", "“artist” is not a code for category: use one of professional, technician"),
    ({"kind": "maybe"}, "kind", "“maybe” is not a code for kind"),
    ({"only_if": "astronaut"}, "only_if", "“astronaut” is not a code for applies only if"),
    ({"valid_to": "2020-01-01"}, "valid_to", "The end date cannot be before the start date."),
])
def test_a_bad_row_is_refused_with_its_row_number_column_and_reason_and_nothing_is_imported(
        rules_admin_client, draft, bad, column, message):
    upload = csv_file([listing("21231"), listing("21232", **bad)])

    previewed = preview(rules_admin_client, upload, draft)

    body = previewed.content.decode()
    assert previewed.context.get("confirm_form") is None  # no way to confirm a file with a refused row
    [refused] = previewed.context["result"].invalid_rows
    assert refused.number == 2 and message in " ".join(refused.field_specific_errors[column])
    assert message in body and "<td>2 </td>" in body.replace("\n", "")
    assert not Listing.objects.filter(change_set=draft).exists()


def test_a_row_that_would_overlap_a_rule_in_force_is_refused_with_its_message(rules_admin_client, draft):
    upload = csv_file([listing("72300", wording="Plumbers")])  # Australia's technicians list has plumbers

    previewed = preview(rules_admin_client, upload, draft)

    [refused] = previewed.context["result"].invalid_rows
    assert "would be in force on the same days as another row for the same rule" in " ".join(
        refused.non_field_specific_errors)
    assert "would be in force on the same days" in previewed.content.decode()
    assert not Listing.objects.filter(change_set=draft).exists()


def test_the_same_rule_twice_in_one_file_is_refused(rules_admin_client, draft):
    previewed = preview(rules_admin_client, csv_file([listing("21231"), listing("21231")]), draft)
    assert [row.number for row in previewed.context["result"].invalid_rows] == [2]


def test_an_import_needs_a_draft_change_set(rules_admin_client, draft):
    missing = preview(rules_admin_client, csv_file([listing()]), None)
    assert missing.status_code == 200
    assert "Choose the draft change set the rows go into" in " ".join(missing.context["form"].errors["change_set"])

    publishing.withdraw(draft, draft.author)
    withdrawn = preview(rules_admin_client, csv_file([listing()]), draft)
    assert "not a draft any more" in " ".join(withdrawn.context["form"].errors["change_set"])
    assert not Listing.objects.filter(change_set=draft).exists()


def test_a_change_set_that_stopped_being_a_draft_before_the_confirm_gets_nothing(rules_admin_client, draft):
    previewed = preview(rules_admin_client, csv_file([listing()]), draft)
    publishing.withdraw(draft, draft.author)

    refused = confirm(rules_admin_client, previewed)

    assert refused.status_code == 200 and "not a draft any more" in refused.content.decode()
    assert not Listing.objects.filter(change_set=draft).exists()


def test_a_file_without_a_required_column_is_refused_naming_it(rules_admin_client, draft):
    columns = [c for c in LISTING_COLUMNS if c != "source"]
    previewed = preview(rules_admin_client, csv_file([{k: v for k, v in listing().items() if k != "source"}],
                                                     columns=columns), draft)
    assert "The file has no column named source" in previewed.content.decode()
    assert previewed.context.get("confirm_form") is None


def test_a_list_entry_needs_its_wording_and_citation_in_both_languages(rules_admin_client, draft):
    for column in ("wording_fr", "citation_en", "citation_fr"):
        previewed = preview(rules_admin_client, csv_file([listing(**{column: ""})]), draft)
        assert previewed.context.get("confirm_form") is None, column
        assert column in previewed.content.decode()
    assert not Listing.objects.filter(change_set=draft).exists()


def test_the_export_carries_both_languages_and_the_citations(rules_admin_client):
    url = reverse("admin:occupations_listing_export") + "?country_code__exact=MX"
    rows = list(csv.DictReader(io.StringIO(rules_admin_client.post(
        url, {"resource": "0", "format": CSV_FORMAT}).content.decode("utf-8-sig"))))
    lawyers = next(r for r in rows if r["noc_code"] == "41101" and r["state"] == "published"
                   and r["wording"].startswith("judges, lawyers"))
    assert lawyers["wording_fr"] == "juges, avocats et notaires, sauf les conseillers juridiques étrangers"
    assert (lawyers["citation_en"], lawyers["citation_fr"]) == (
        "Country-specific occupations › Mexico › Professionals",
        "Professions propres à chaque pays › Mexique › Professionnels")


def test_the_export_has_the_listed_rows_with_their_change_set_and_state_in_csv(rules_admin_client):
    url = reverse("admin:occupations_listing_export") + "?country_code__exact=JP"
    response = rules_admin_client.post(url, {"resource": "0", "format": CSV_FORMAT})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = Listing.objects.filter(country_code="JP")
    assert len(rows) == expected.count() > 0
    assert {r["country_code"] for r in rows} == {"JP"}  # the list's filter applies
    first = expected.get(pk=rows[0]["id"])
    assert (rows[0]["noc_code"], rows[0]["change_set"], rows[0]["change_set_status"], rows[0]["state"]) == (
        first.unit_group_id or "", str(first.change_set_id), "published", "published")


def test_the_export_in_xlsx_has_the_rows(rules_admin_client):
    response = rules_admin_client.post(reverse("admin:occupations_regulation_export"),
                                       {"resource": "0", "format": XLSX_FORMAT})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert header[:3] == ("id", "noc_code", "province") and "change_set" in header and "state" in header
    assert len(rows) == Regulation.objects.count()


def test_the_wage_table_exports_its_figures_to_xlsx_as_numbers(rules_admin_client):
    url = reverse("admin:occupations_wagerate_export") + "?province=NU"
    response = rules_admin_client.post(url, {"resource": "0", "format": XLSX_FORMAT})

    header, *rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == WageRate.objects.filter(province="NU").count() > 0
    median = [row[header.index("median")] for row in rows if row[header.index("median")] is not None]
    assert median and all(isinstance(value, (int, float)) for value in median)


def test_the_lists_show_import_and_export_and_the_rows_keep_their_history_and_actions(rules_admin_client):
    import_page = rules_admin_client.get(reverse("admin:occupations_listing_import"))
    assert [label for _value, label in import_page.context["form"].fields["format"].choices] == ["---", "csv", "xlsx"]
    page = rules_admin_client.get(reverse("admin:occupations_wagerate_changelist")).content.decode()
    assert reverse("admin:occupations_wagerate_import") in page and reverse("admin:occupations_wagerate_export") in page
    assert 'value="change_in_change_set"' in page and 'value="remove_in_change_set"' in page
    row = Listing.objects.filter(published=True).first()
    form = rules_admin_client.get(reverse("admin:occupations_listing_change", args=[row.pk])).content.decode()
    assert reverse("admin:occupations_listing_history", args=[row.pk]) in form


def test_only_those_who_may_add_rows_may_import(client, supervisor):
    client.force_login(supervisor)  # not staff: the admin sends them to sign in
    assert client.get(reverse("admin:occupations_listing_import")).status_code == 302


HEADER_EN = ["Level", "Hierarchical structure", "Code - NOC 2021 V1.0", "Class title", "Class definition"]


def structure_file(rows) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER_EN)
    writer.writerows(rows)
    return SimpleUploadedFile("noc.csv", out.getvalue().encode("utf-8-sig"), content_type="text/csv")


def test_the_noc_structure_import_previews_then_loads_on_confirm(rules_admin_client):
    url = reverse("admin:occupations_unitgroup_import_structure")
    changelist = rules_admin_client.get(reverse("admin:occupations_unitgroup_changelist")).content.decode()
    assert url in changelist and "Import the NOC 2021 structure" in changelist
    UnitGroup.objects.filter(code="21231").update(title_en="Old title")
    upload = structure_file([
        ["2", "Major group", "21", "Professional occupations in natural and applied sciences", "..."],
        ["5", "Unit group", "21231", "Software engineers and designers", "..."],
        ["5", "Unit group", "21239", "Quantum software engineers", "A future unit group."],
        ["5", "Unit group", "10", "Legislators", "Leading zeros dropped by a spreadsheet."],
    ])

    previewed = rules_admin_client.post(url, {"file": upload, "valid_from": "2027-01-01", "source": "StatCan"})

    plan = previewed.context["plan"]
    assert (plan.new, len(plan.changed), plan.unchanged) == (["21239"], 1, 1)
    assert "Quantum" not in UnitGroup.objects.values_list("title_en", flat=True)  # the preview wrote nothing
    assert UnitGroup.objects.get(code="21231").title_en == "Old title"

    done = rules_admin_client.post(url, {"payload": previewed.context["confirm_form"].initial["payload"]})

    assert done.status_code == 302
    new = UnitGroup.objects.get(code="21239")
    assert (new.title_en, str(new.valid_from), new.source) == ("Quantum software engineers", "2027-01-01", "StatCan")
    assert UnitGroup.objects.get(code="21231").title_en == "Software engineers and designers"
    assert "1 unit groups added, 1 titles changed, 1 unchanged" in rules_admin_client.get(done.url).content.decode()


def test_the_noc_structure_import_shows_row_errors_and_loads_nothing(rules_admin_client):
    url = reverse("admin:occupations_unitgroup_import_structure")
    before = UnitGroup.objects.count()
    upload = structure_file([["5", "Unit group", "2123X", "Bad", ""], ["5", "Unit group", "21239", "New", ""]])

    previewed = rules_admin_client.post(url, {"file": upload, "valid_from": "2027-01-01", "source": "StatCan"})

    assert "line 2: &#x27;2123X&#x27; is not a 5-digit unit-group code" in previewed.content.decode()
    assert previewed.context.get("confirm_form") is None and UnitGroup.objects.count() == before


def test_a_tampered_noc_structure_preview_is_refused(rules_admin_client):
    url = reverse("admin:occupations_unitgroup_import_structure")
    response = rules_admin_client.post(url, {"payload": "not-signed"}, follow=True)
    assert "This preview has expired or was altered" in response.content.decode()
    assert not UnitGroup.objects.filter(code="21239").exists()
