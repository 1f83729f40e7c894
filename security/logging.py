"""A logging filter that keeps applicants' details out of the application's logs.

The desk's own log calls carry ids only; this is the net under them and under what Django and
the servers log: a query string (the decision search's ``?q=`` may hold a name typed by a
supervisor), e-mail addresses, UCIs (8 or 10 digits, spaces or hyphens allowed), application
numbers (a letter and 9 digits, e.g. W301234567) and offer numbers (A and 7 digits). A name
cannot be recognised by its shape, which is why query strings go whole.
"""

import logging
import re

REDACTED = "[redacted]"
PATTERNS = [
    # A query string after a path or URL, up to the end of the address ("?q=Tanaka&sort=newest").
    (re.compile(r"(?<=[^\s\"'?])\?[^\s\"']*"), "?" + REDACTED),
    # Anchored and possessive: a long run of letters without an "@" (a 50,000-character address)
    # is read once, not once from each of its characters (that took seconds a line).
    (re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"), REDACTED),
    (re.compile(r"(?<![\w-])[A-Za-z]\d{7}(\d{2})?(?![\w-])"), REDACTED),  # W301234567, A1234567
    (re.compile(r"(?<![\w.-])(\d{4}[\s-]?\d{4}|\d{2}[\s-]?\d{4}[\s-]?\d{4}|\d{10})(?![\w.-])"), REDACTED),  # UCIs
]


def redact(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalDetails(logging.Filter):
    """Rewrites each record's message (and its traceback) with the details above masked. Attached
    to the handlers (settings.LOGGING), so it sees records from every logger that reaches them."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it as it would
            return True
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
