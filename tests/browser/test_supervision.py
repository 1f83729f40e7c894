"""Issue 6, journey b, in a real browser: a supervisor finds a refusal in the decision search and
disagrees on experience (the review form filled with the keyboard alone); the officer sees it
returned and amends it. Every page is screenshotted and checked with axe in English and French
(tests/supervision/test_journey.py is the HTTP version).
"""

import re
from decimal import Decimal

from django.test import Client

from config.roles import OFFICER, SUPERVISOR
from eligibility.models import Decision
from supervision.models import ReviewItem, SamplingPolicy
from tests.browser.desk import follow, make_user
from tests.browser.keyboard import Keyboard
from tests.eligibility.wizard.journey import Wizard, months_of_experience

COMMENT = "The 2019 contract counts too."


def test_a_supervisor_disagrees_and_the_officer_amends(desk):
    officer, _ = make_user("agent", OFFICER), make_user("chef", SUPERVISOR)
    SamplingPolicy.objects.create(share=Decimal("0"))
    # The refusal under review, recorded through the wizard by the officer's own client (the
    # wizard in a browser is journey a's).
    client = Client()
    client.force_login(officer)
    refused = Wizard.start(client).walk("JP", "technician", case={"application_number": "W301230030"},
                                        experience=months_of_experience(30)).record("refuse")
    assert refused.outcome == "not_eligible"

    # The supervisor searches, in English.
    chef = desk.page()
    desk.sign_in(chef, "chef", "en")
    desk.look(chef, "supervisor-home")
    follow(chef.get_by_role("link", name="Decision search"))
    desk.look(chef, "search")
    chef.get_by_label("Country", exact=True).fill("JP")
    chef.locator("#id_category").select_option("technician")
    chef.locator("#id_decision").select_option("refuse")
    follow(chef.get_by_role("button", name="Search"))
    desk.look(chef, "search-results")
    results = chef.get_by_role("table")
    assert results.get_by_role("row").count() == 2, results.inner_text()  # the header and the refusal

    follow(results.get_by_role("link", name=refused.application_number))
    desk.look(chef, "found-decision")
    if "/review/" not in chef.url:
        follow(chef.get_by_role("link", name="Review this decision"))
        desk.look(chef, "review")
    # The review itself with the keyboard alone: Tab, the arrow keys, Space, typing and Enter.
    keys = Keyboard(chef)
    keys.choose("verdict", "disagree")
    keys.check("input[name=criteria][value=experience]")
    keys.type("#id_comment", COMMENT)
    keys.press("main form button.btn-primary[type=submit]")
    desk.look(chef, "reviewed")
    assert ReviewItem.objects.get(decision=refused).status == ReviewItem.Status.DISAGREED

    # The officer, in French, sees it returned and amends it.
    agent = desk.page()
    desk.sign_in(agent, "agent", "fr")
    returned = agent.locator("section", has=agent.locator("#returned-title"))
    assert COMMENT in returned.inner_text()
    desk.look(agent, "officer-home-returned")
    follow(returned.get_by_role("link", name=refused.application_number))
    desk.look(agent, "returned-decision")
    follow(agent.locator("form[action$='/correct/'] button"))
    assert re.search(r"/fr/assessments/\d+/review/$", agent.url), agent.url
    desk.look(agent, "amendment-review")
    follow(agent.locator("nav.mb-3 a[href$='/experience/']"))
    desk.look(agent, "amendment-experience")
    agent.locator("#id_period-0-start").fill(months_of_experience(50)["periods"][0]["start"])
    follow(agent.locator("button[name=to_review]"))
    desk.look(agent, "amendment-reviewed")
    follow(agent.get_by_role("link", name="Passer à la décision"))
    desk.look(agent, "amendment-decision")
    agent.locator("input[name=decision][value=approve]").check()
    agent.locator("#id_correction_reason").fill("The 2019 contract adds 20 months.")
    follow(agent.locator("main form button[type=submit]"))
    desk.look(agent, "amendment-recorded")

    amendment = Decision.objects.get(corrects=refused)
    assert (amendment.outcome, amendment.decision) == ("eligible", "approve")
    assert ReviewItem.objects.get(decision=refused).status == ReviewItem.Status.AMENDED
    assert Decision.objects.filter(pk=refused.pk, decision="refuse").exists()  # the original stays

    # The supervisor sees both versions in the complete record.
    chef.goto(f"/en/supervision/decisions/{amendment.pk}/record/")
    desk.look(chef, "complete-record")
    record = chef.locator("main").inner_text()
    assert COMMENT in record and "The 2019 contract adds 20 months." in record
