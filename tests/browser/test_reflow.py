"""Issue 6: usable at 320 css pixels wide and at 200 % zoom (a 1280-pixel window zoomed to 200 %:
640 css pixels, device scale 2). Every page of the three journeys — the officer's steps, the
supervisor's search and review, the rules admins' change set — scrolls only up and down (tables
made to scroll, ``.table-responsive``, excepted), and its main action is on screen when scrolled
to. Each page is screenshotted at each size; all failures are listed at the end."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from config.roles import OFFICER, RULES_ADMIN, SUPERVISOR
from occupations import publishing
from occupations.models import Listing
from supervision.models import SamplingPolicy
from tests.browser.desk import make_user
from tests.browser.reflow import problems
from tests.eligibility.wizard.journey import ANSWER_STEPS, Wizard
from tests.supervision.recorded import record

SIZES = {"320px": {"width": 320, "height": 640, "scale": 1}, "zoom-200": {"width": 640, "height": 450, "scale": 2}}
NEXT = "main button.btn-primary[name=next]"


def journeys() -> dict[str, list[tuple[str, str | None]]]:
    """Each person's pages (address, main action), over data made as the journeys make it."""
    agent, _ = make_user("agent", OFFICER), make_user("chef", SUPERVISOR)
    anna, _ = make_user("anna-rules", RULES_ADMIN), make_user("ben-rules", RULES_ADMIN)
    SamplingPolicy.objects.create(share=Decimal("0"))
    client = Client()
    client.force_login(agent)
    draft = Wizard.start(client).walk("JP", "professional").pk
    flagged = record(agent, decision="refuse", reference="W301230030")  # a departure: in the review queue
    in_force = Listing.in_force_on(timezone.localdate()).filter(country_code="AU", category="technician")
    drafted = publishing.open_change_set(anna, "Plumbers off Australia's technician list")
    publishing.propose_removal(in_force.get(unit_group="72300"), drafted)
    submitted = publishing.open_change_set(anna, "Electricians off Australia's technician list")
    publishing.propose_removal(in_force.exclude(unit_group="72300").first(), submitted)
    publishing.submit(submitted, anna)
    change_sets = "/en/admin/occupations/changeset"
    return {
        "agent": [("/en/", "main form[action$='/assessments/new/'] button"),
                  *[(f"/en/assessments/{draft}/{step}/", NEXT) for step in ANSWER_STEPS],
                  (f"/en/assessments/{draft}/review/", "main a.btn-primary[href$='/decision/']"),
                  (f"/en/assessments/{draft}/decision/", "main form button.btn-primary[type=submit]"),
                  (f"/en/decisions/{flagged.pk}/", "main form[action$='/correct/'] button")],
        "chef": [("/en/supervision/", "main a[href$='/review/']"),
                 ("/en/supervision/decisions/", "main form button[type=submit]"),
                 ("/en/supervision/decisions/?country=MX", "main table a"),
                 (f"/en/supervision/decisions/{flagged.pk}/review/", "main form button.btn-primary[type=submit]"),
                 (f"/en/supervision/decisions/{flagged.pk}/record/", "main a.btn-primary[href$='record.pdf']"),
                 (f"/en/supervision/decisions/{flagged.pk}/replay/", None)],
        "anna-rules": [("/en/admin/", f"#content-main a[href$='{change_sets}/']"),
                       (f"{change_sets}/", ".object-tools a.addlink"),
                       (f"{change_sets}/add/", "input[name=_save]"),
                       (f"{change_sets}/{drafted.pk}/change/", "button[form=step-submit]"),
                       (f"{change_sets}/{drafted.pk}/impact/", None),
                       ("/en/admin/occupations/listing/?q=72300", "button[name=index]")],
        "ben-rules": [(f"{change_sets}/{submitted.pk}/approve/", "input[type=submit].default"),
                      (f"{change_sets}/{submitted.pk}/history/", None)],
    }


@pytest.mark.parametrize("size", SIZES)
def test_every_journey_page_reflows_without_sideways_scrolling(desk, size):
    found = []
    for username, pages in journeys().items():
        page = desk.page(**SIZES[size])
        page.goto("/en/accounts/login/")
        found += [f"sign-in: {p}" for p in problems(page, "main button[type=submit]")]
        desk.sign_in(page, username, "en", look=False)
        for address, main_action in pages:
            response = page.goto(address)
            assert response.ok, (address, response.status)
            desk.shot(page, f"{size}-{username}-{address}")
            found += [f"{username} {address}: {p}" for p in problems(page, main_action)]

    assert not found, f"{len(found)} reflow problem(s) at {size}:\n" + "\n".join(found)
