"""Every form and endpoint, and where its hostile input is tried. A page added without a line in
COVERED fails here, so its hostile input is decided, not forgotten.

| page (URL name)                      | input                                                   | tried in |
|--------------------------------------|---------------------------------------------------------|----------|
| login                                | POST username, password                                 | test_site |
| logout                               | POST (CSRF token only)                                  | test_site (CSRF) |
| set_language (/i18n/setlang/)        | POST language, next                                     | test_site |
| home                                 | GET query ignored; shows drafts' and decisions' text    | test_site, test_wizard, test_supervision |
| wizard-start                         | POST (CSRF token only)                                  | test_site (CSRF), test_wizard |
| wizard-step: case … documents        | POST every field, missing/twice; next, back, to_review  | test_wizard |
| wizard-step: occupation "check"      | POST noc and the offer (unsaved)                        | test_wizard |
| wizard-step: experience "add period" | POST periods, forged period counts                      | test_wizard |
| wizard-step: review                  | GET; shows the saved answers                            | test_wizard |
| wizard-step: decision                | POST decision, reasons, notes, correction reason        | test_wizard |
| wizard-step: an unknown step name    | URL                                                     | test_wizard |
| noc-suggestions                      | GET q                                                   | test_site |
| decision-detail                      | URL id; shows stored text                               | test_wizard, test_supervision |
| decision-correct                     | POST, URL id                                            | test_wizard |
| rules-in-force                       | GET on                                                  | test_site, test_supervision |
| supervision:queue                    | shows stored text                                       | test_supervision |
| supervision:review                   | POST verdict, criteria, comment; URL id                 | test_supervision |
| supervision:sampling                 | POST percent                                            | test_supervision |
| supervision:access-log               | GET before                                              | test_supervision |
| supervision:search                   | GET every filter, sort, cursor                          | test_supervision |
| supervision:export (CSV)             | GET filters; formula cells                              | test_supervision, test_csv |
| supervision:record, record-pdf       | URL id; shows stored text (HTML and PDF)                | test_supervision |
| supervision:replay                   | URL id; shows stored text                               | test_supervision |
| supervision:reports                  | GET filters                                             | test_supervision |
| supervision:report-csv, report-svg   | URL name, GET filters                                   | test_supervision |
| security:keep-alive, security:log    | GET query                                               | test_site |
| health                               | GET query                                               | test_site |
| admin: every registered model        | changelist q, filters, o, p; add form, every field      | test_admin |
| manage.py assess (batch)             | JSON lines: tests/eligibility/test_assess_command.py, and --record here | test_batch |
"""

from django.urls import URLPattern, URLResolver, get_resolver

COVERED = {
    "login", "logout", "set_language", "home", "wizard-start", "wizard-step", "noc-suggestions", "decision-detail",
    "decision-correct", "rules-in-force", "supervision:queue", "supervision:review", "supervision:sampling",
    "supervision:access-log", "supervision:search", "supervision:export", "supervision:record",
    "supervision:record-pdf", "supervision:replay", "supervision:reports", "supervision:report-csv",
    "supervision:report-svg", "security:keep-alive", "security:log", "health",
}


def named_pages(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # test_admin walks every registered model
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_pages(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_page_has_its_hostile_input_tried():
    assert sorted(set(named_pages()) - COVERED) == []
