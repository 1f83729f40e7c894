"""Query strings and admin forms no page of the desk makes: answered 400, before any view or the
admin can put their values in a query.

A NUL: PostgreSQL refuses it in text (a DataError: a server error, not a message). The desk's own
forms refuse it at the field, with a message (config/forms.py); what no form of ours checks is a
query string (the admin's list filters, the search's filters) and the admin's forms, whose
lookups and widgets (an autocomplete rendering its chosen value) query the database with what was
sent before any validation. No one types a NUL: it is a forged request.

A query-string value of more than MAX_QUERY_VALUE characters: the search's text is 200 at most and
a page cursor about 100; the admin would search with it, and SQLite refuses a LIKE pattern of
50,000 characters."""

from django.core.exceptions import BadRequest

MAX_QUERY_VALUE = 1000


def _has_nul(params) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())


def _too_long(params) -> bool:
    return any(len(v) > MAX_QUERY_VALUE for _key, values in params.lists() for v in values)


class RefuseForgedParameters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forged_form = request.method == "POST" and "/admin/" in request.path_info and _has_nul(request.POST)
        if forged_form or _has_nul(request.GET) or _too_long(request.GET):
            raise BadRequest("a NUL or a value too long in the request's parameters")
        return self.get_response(request)
