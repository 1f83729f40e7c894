"""``/health``: is this app container able to serve? For the load balancer and Docker's healthcheck.

Outside the language prefixes and open without signing in (``login_not_required``): a probe has
no account. It runs ``SELECT 1`` on the database and answers ``{"status": "ok"}`` (200) or
``{"status": "unavailable"}`` (503), nothing else: no version, no host or database names, no error
text, so the open endpoint tells an outsider nothing but up or down.
"""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import Error as DatabaseFailure
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_GET
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseFailure:  # OperationalError, InterfaceError (a closed connection), ...
        # The reason goes to the log for the operators, never into the open answer.
        logger.warning("health check: the database did not answer", exc_info=True)
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
