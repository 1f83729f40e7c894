"""The header's language button on a wizard step, in a real browser: it submits the step's form
(form="step-form", no script), so the same step comes back in the other language with what was
typed and not saved (eligibility/wizard/language.py)."""

from tests.browser.test_enter_key import officer_at


def test_switching_to_english_on_a_step_keeps_what_was_typed_and_saves_nothing(desk):
    wizard, page, keys = officer_at(desk, "occupation", answered_until="credentials")
    saved_title = wizard.answers["occupation"]["job_title"]

    keys.type("#id_job_title", "Ingénieure logiciel principale")
    page.get_by_role("button", name="English").click()

    assert page.url.endswith(f"/en/assessments/{wizard.pk}/occupation/"), page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#id_job_title").input_value() == "Ingénieure logiciel principale"
    assert wizard.answers["occupation"]["job_title"] == saved_title  # nothing saved on the way
    desk.look(page, "occupation-after-switching-language")
