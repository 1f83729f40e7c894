"""A decision's draft notes and draft letter, in either official language whatever the page's.

An officer working in French may write to an applicant in English (and the other way round): the
decision page offers both, ``?draft=en`` or ``?draft=fr``, and renders the drafts under that
language, the reasons worded again in it from the stored working.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

NOTES = "eligibility/draft_notes.txt"
LETTER = "eligibility/draft_letter.txt"
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def chosen_language(request) -> str:
    """The drafts' language: ``?draft=`` when it names one of ours, else the page's."""
    wanted = request.GET.get("draft", "")
    return wanted if wanted in LANGUAGES else translation.get_language()


def needs_letter(decision, letter_rows) -> bool:
    """A refusal or a request for information has a letter: on its unmet criteria, or the departure."""
    return decision.decision != "approve" and bool(letter_rows or decision.departs)


def drafts(request, context: dict, decision_context) -> dict:
    """The drafts for the page. ``context`` is the page's (worded in its language); in another
    language, ``decision_context()`` words the decision again under it."""
    language, page_language = chosen_language(request), translation.get_language()
    with translation.override(language):
        if language != page_language:
            context = decision_context()
        notes = render_to_string(NOTES, context)
        letter = render_to_string(LETTER, context) if needs_letter(context["decision"], context["letter_rows"]) else None
    return {"draft_language": language, "draft_languages": LANGUAGES, "draft_notes": notes, "draft_letter": letter}
