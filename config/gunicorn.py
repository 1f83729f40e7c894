"""gunicorn's settings (`gunicorn config.wsgi --config python:config.gunicorn`).

The access log names the path, never the query string or the referring address: the decision
search's query string may hold an applicant's name or UCI (docs/decisions/0006-security.md).
"""

# gunicorn's default less "%(r)s" (the request line with its query string) and "%(f)s" (Referer).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'
