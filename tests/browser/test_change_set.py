"""Issue 6, journey c, in a real browser: a rules admin removes plumbers from Australia's
technician list in a change set and submits it; a second rules admin approves it, effective today;
the next assessment follows the new rule while the earlier decision replays unchanged. Every page,
the admin's included, is screenshotted and checked with axe in English and French
(tests/rulesadmin/test_change_set_journey.py is the HTTP version)."""

from django.test import Client
from django.utils import timezone

from config.roles import OFFICER, RULES_ADMIN, SUPERVISOR
from occupations.models import ChangeSet, Listing
from tests.browser.desk import follow, make_user, other_language
from tests.eligibility.wizard.journey import Wizard

TITLE = "Plumbers off Australia's technician list"
# An Australian plumber in Ontario, a regulated trade there: licensed, as the offer requires.
PLUMBER = {"occupation": {"noc": "72300", "job_title": "Plumber"},
           "credentials": {"licence_required": "yes", "licensed": "yes"}}


def australian_plumber(client, number: str, received_on: str) -> Wizard:
    return Wizard.start(client).walk("AU", "technician", case={"application_number": number,
                                                               "received_on": received_on}, **PLUMBER)


def choose_removal(page, row) -> None:
    """Select the row on the changelist and run the action "Remove in a change set"."""
    page.locator(f"input[name=_selected_action][value='{row.pk}']").check()
    page.locator("select[name=action]").select_option("remove_in_change_set")
    follow(page.locator("button[name=index]"))


def test_plumbers_come_off_australias_list_and_only_later_cases_feel_it(desk):
    officer = make_user("agent", OFFICER)
    make_user("chef", SUPERVISOR)
    make_user("anna-rules", RULES_ADMIN)
    make_user("ben-rules", RULES_ADMIN)
    today = timezone.localdate().isoformat()
    client = Client()
    client.force_login(officer)
    earlier = australian_plumber(client, "W300000001", today).record("approve")
    assert earlier.outcome == "eligible"

    # Anna drafts the change set.
    anna = desk.page()
    desk.sign_in(anna, "anna-rules", "en", next_url="/en/admin/")
    desk.look(anna, "admin-index")
    follow(anna.get_by_role("link", name="Change sets").first)
    desk.look(anna, "change-sets")
    follow(anna.get_by_role("link", name="Add change set"))
    desk.look(anna, "add-change-set")
    anna.get_by_label("Title").fill(TITLE)
    anna.get_by_label("Why").fill("Notice 2026-12")
    follow(anna.locator("input[name=_continue]"))
    desk.look(anna, "change-set-draft")
    change_set = ChangeSet.objects.get(title=TITLE)

    # She removes plumbers in it, from the rows in force.
    anna.goto("/en/admin/")
    follow(anna.get_by_role("link", name="Occupation list entries").first)
    filters = anna.locator("#changelist-filter")
    follow(filters.get_by_role("link", name="AU", exact=True))
    follow(filters.get_by_role("link", name="Technician", exact=True))
    anna.locator("#searchbar").fill("72300")
    with anna.expect_navigation():
        anna.locator("#searchbar").press("Enter")
    desk.look(anna, "listing-au-technician-72300")
    plumbers = Listing.objects.get(country_code="AU", category="technician", unit_group="72300", replaces__isnull=True)
    listing_url = anna.url
    # The change-set picker answers the action's POST: seen in French first, in a tab of its own.
    in_french = anna.context.new_page()
    in_french.goto(other_language(listing_url))
    choose_removal(in_french, plumbers)
    desk.look(in_french, "pick-change-set-fr", both_languages=False)
    in_french.close()
    choose_removal(anna, plumbers)
    desk.look(anna, "pick-change-set", both_languages=False)
    anna.get_by_label("Draft change set").select_option(str(change_set.pk))
    follow(anna.get_by_role("button", name="Add to this change set"))
    desk.look(anna, "removal-added")
    [removal] = Listing.objects.filter(change_set=change_set)
    assert removal.removes and removal.replaces == plumbers

    # She previews the impact and submits.
    anna.goto(f"/en/admin/occupations/changeset/{change_set.pk}/change/")
    follow(anna.get_by_role("link", name="Preview the impact"))
    desk.look(anna, "impact")
    anna.goto(f"/en/admin/occupations/changeset/{change_set.pk}/change/")
    follow(anna.get_by_role("button", name="Submit for approval"))
    desk.look(anna, "submitted")
    change_set.refresh_from_db()
    assert change_set.status == "submitted"

    # Ben approves it, effective today.
    ben = desk.page()
    desk.sign_in(ben, "ben-rules", "fr", next_url=f"/fr/admin/occupations/changeset/{change_set.pk}/change/")
    desk.look(ben, "change-set-submitted-fr")
    follow(ben.locator(f"a[href$='/changeset/{change_set.pk}/approve/']"))
    desk.look(ben, "approve")
    ben.locator("#id_effective_from").fill(today)
    follow(ben.locator("input[type=submit].default"))
    desk.look(ben, "approved")
    change_set.refresh_from_db()
    assert (change_set.status, change_set.approved_by.username, change_set.effective_from.isoformat()) == (
        "published", "ben-rules", today)
    ben.goto(f"/fr/admin/occupations/changeset/{change_set.pk}/history/")
    desk.look(ben, "history")

    # The next assessment of the same case follows the new rule ...
    after = australian_plumber(client, "W300000002", today)
    agent = desk.page()
    desk.sign_in(agent, "agent", "fr", next_url=f"/fr/assessments/{after.pk}/review/")
    desk.look(agent, "next-assessment-review")
    decision = after.record("refuse")
    assert decision.outcome == "not_eligible"
    assert decision.working["criteria"]["occupation"]["result"] == "not_met"

    # ... while the earlier decision replays unchanged under the rules it was made with.
    agent.goto(f"/fr/supervision/decisions/{earlier.pk}/replay/")
    desk.look(agent, "earlier-decision-replay")
    assert agent.locator(".alert-success").count() == 1, agent.locator("main").inner_text()
