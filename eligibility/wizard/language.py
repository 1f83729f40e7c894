"""The language toggle on a wizard step: the page comes back in the other language with what the
officer had typed and not yet saved.

The header's toggle is a form of its own, posting to Django's ``set_language``, so a step's
fields would not go with it. On a step, the toggle's button belongs to the step's form instead
(``form="step-form"``, no script): the step's fields are posted to ``switch``, kept in the
session as typed (valid or not: nothing is saved to the draft, nothing is decided) and given
back, once, to the same step in the other language (``unsaved``).
"""

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import translate_url

FIELD = "switch_language"  # the toggle button's name on a step
SESSION_KEY = "wizard_unsaved"
NOT_KEPT = {"csrfmiddlewaretoken", FIELD}


def asked(request) -> str | None:
    """The language a step's POST asks to switch to, if it is the toggle's."""
    language = request.POST.get(FIELD) if request.method == "POST" else None
    return language if language in dict(settings.LANGUAGES) else None


def switch(request, assessment, step: str, language: str):
    """Keep the posted fields for this step and go to the same page in ``language``."""
    request.session[SESSION_KEY] = {"assessment": assessment.pk, "step": step,
                                    "data": {k: v for k, v in request.POST.lists() if k not in NOT_KEPT}}
    response = redirect(translate_url(request.get_full_path(), language))
    # As set_language does, so pages without a language in their address follow the choice too.
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


def unsaved(request, assessment, step: str) -> QueryDict | None:
    """The fields kept by ``switch`` for this step of this assessment, given back once."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("assessment") != assessment.pk or kept.get("step") != step:
        return None
    del request.session[SESSION_KEY]
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    return data
