"""What a request gets when the server fails: a database that is away is said plainly (503).

Django turns an exception raised anywhere in a request (a view, or a middleware: the session is
usually the first thing to reach the database, in the login check before any view runs) into the
500 handler's answer. A middleware's ``process_exception`` sees only the views' exceptions, so
this is the 500 handler itself: a lost or refused database connection (``OperationalError``,
``InterfaceError``) answers 503 with a page that says the service is briefly unavailable and
what was saved is kept (every wizard step is committed when its answer is given; a step whose
POST failed was not saved and the officer sends it again). Any other error keeps Django's 500.
The page renders without the database: no user, no messages (both would read the session).

The 400 handler does the same for one case: with ``SESSION_SAVE_EVERY_REQUEST`` the session is
saved after the view, and Django's database session store reports any ``DatabaseError`` on that
save as ``UpdateError``, raised as ``SessionInterrupted`` ("session deleted", a 400). Met in
tests/faults/test_database_restart.py: when the database went away at that moment, the officer
got "Bad Request". An error whose chain holds a lost connection is a 503 whatever it became.
"""

import sys

from django.contrib.auth.models import AnonymousUser
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import bad_request as django_bad_request
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 5


def database_unavailable(request):
    body = render_to_string("503.html", {"user": AnonymousUser(), "messages": ()}, request=request)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def caused_by_lost_database(exception: BaseException | None) -> bool:
    """Whether ``exception``, or one it was raised from or while handling, is a database
    connection that failed."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, (OperationalError, InterfaceError)):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """``handler500``: called inside Django's ``except`` block, so the exception is at hand."""
    if caused_by_lost_database(sys.exc_info()[1]):
        return database_unavailable(request)
    return django_server_error(request, template_name)


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """``handler400``: a session save cut by the database is not the client's fault (see above)."""
    if caused_by_lost_database(exception):
        return database_unavailable(request)
    return django_bad_request(request, exception, template_name)
