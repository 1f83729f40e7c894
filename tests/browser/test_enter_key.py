"""Issue 6: Enter in a text field of a wizard step saves the step and continues, as "Save and
continue" does, also on the two steps with a second submit button placed before the step's own
buttons ("Check this occupation" beside the code field; "Add another period")."""

from django.test import Client

from config.roles import OFFICER
from tests.browser.desk import make_user
from tests.browser.keyboard import Keyboard
from tests.eligibility.wizard.journey import Wizard


def officer_at(desk, step: str, answered_until: str):
    """The officer's browser on ``step`` of a draft answered up to ``answered_until``."""
    client = Client()
    client.force_login(make_user("agent", OFFICER))
    wizard = Wizard.start(client).walk("JP", "professional", until=answered_until)
    page = desk.page()
    desk.sign_in(page, "agent", "fr", next_url=f"/fr/assessments/{wizard.pk}/{step}/", look=False)
    assert page.url.endswith(f"/fr/assessments/{wizard.pk}/{step}/"), page.url
    return wizard, page, Keyboard(page)


def test_enter_in_a_field_of_the_occupation_step_saves_and_continues(desk):
    wizard, page, keys = officer_at(desk, "occupation", answered_until="credentials")

    keys.type("#id_job_title", "Senior software engineer")
    keys.enter()

    assert page.url.endswith(f"/assessments/{wizard.pk}/credentials/"), page.url
    assert wizard.answers["occupation"]["job_title"] == "Senior software engineer"


def test_enter_in_a_field_of_the_experience_step_saves_and_continues(desk):
    wizard, page, keys = officer_at(desk, "experience", answered_until="language")

    keys.type("#id_period-0-hours_per_week", "35")
    keys.enter()

    assert page.url.endswith(f"/assessments/{wizard.pk}/language/"), page.url
    assert float(wizard.answers["experience"]["periods"][0]["hours_per_week"]) == 35
    assert page.locator("#id_period-1-employer").count() == 0  # no period was added on the way


def test_the_occupation_steps_default_button_is_out_of_the_tab_order_and_hidden_from_assistive_technology(desk):
    _wizard, page, keys = officer_at(desk, "occupation", answered_until="credentials")
    hidden, visible = page.locator("button[name=next]").all()  # the hidden copy is first in the page

    assert hidden.get_attribute("aria-hidden") == "true" and hidden.get_attribute("tabindex") == "-1"
    assert page.get_by_role("button", name="Enregistrer et continuer").count() == 1  # only the visible one
    # Shift+Tab from "Check this occupation" goes back to the code field, never to the hidden button.
    keys.tab_to("button[name=check]")
    keys.keys.press("Shift+Tab")
    assert keys.focused()["id"] == "id_noc", keys.focused()
    assert visible.is_visible()
