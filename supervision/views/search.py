"""The decision search and its CSV export, for supervisors."""

import csv
import io
from html import escape

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from eligibility.choices import OfficerDecision
from eligibility.models import OUTCOME_CHOICES
from occupations import choices as labels

from .. import services
from ..models import AccessEvent, ReviewItem
from ..search import SORTS, DecisionSearch

supervisor_only = permission_required(("eligibility.view_decision", "supervision.view_reviewitem"),
                                      raise_exception=True)

EXPORT_CHUNK_ROWS = 2000  # rows fetched from the database at a time
EXPORT_BUFFER = 64 * 1024  # characters sent to the client at a time
# What a spreadsheet may run as a formula (OWASP's CSV injection list), and the quote itself, so
# that removing one leading quote always gives the stored text back.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTED_STARTS = (*FORMULA_STARTS, "'")
URL_ID = 918273645546372819  # a stand-in id, found once in the reversed URL


@supervisor_only
def decision_search(request):
    search = DecisionSearch(request.GET, request=request)
    if not search.is_valid():
        return render(request, "supervision/search.html", {"search": search, "form": search.form},
                      status=400)
    page = search.page()
    return render(request, "supervision/search.html", {
        "search": search, "form": search.form, "page": page,
        "rows": _table_body(page.decisions),
        "sort_label": SORTS[search.sort].label,
        "first_page": search.query_string(), "next_page": search.query_string(cursor=page.next),
        "previous_page": search.query_string(cursor=page.previous),
        "export": search.query_string(),
    })


ROW_HTML = ('<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
            '<td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>')


def _table_body(decisions: list[dict]) -> str:
    """The results' rows as HTML, each text escaped. Written here in one pass rather than by the
    template: 275 cells through the template engine were half of the page's time (profiled at
    1,000,000 decisions), and the search's pages must stay ten times faster than the admin's.
    Codes are worded once per page, and the review link reversed once, its id put in place."""
    words: dict = {}
    for table in (labels.CATEGORY, dict(OUTCOME_CHOICES), dict(OfficerDecision.choices),
                  dict(ReviewItem.Status.choices)):
        words.update((code, str(label)) for code, label in table.items())
    review_url = reverse("supervision:review", args=[URL_ID]).replace(str(URL_ID), "{}")
    departs = format_html(' <span class="badge text-bg-warning">{}</span>', _("departs"))
    not_queued = format_html('<span class="visually-hidden">{}</span><span aria-hidden="true">—</span>',
                             _("Not in the review queue"))
    superseded = _("Superseded by decision recorded %(recorded)s")
    not_entered = _("not entered")  # a case decided before its occupation was entered
    no_number = _("(no number)")  # a batch case without a reference: the link still opens it
    localtime = timezone.localtime
    rows = []
    for d in decisions:
        later = d.get("superseded_at")
        flags = departs if d["departs"] else ""
        if later is not None:
            flags += format_html(' <span class="badge text-bg-secondary">{}</span>',
                                 superseded % {"recorded": localtime(later).strftime("%Y-%m-%d %H:%M")})
        status = d["review_item__status"]
        texts = (review_url.format(d["id"]), d["application_number"] or no_number, d["applicant_name"],
                 localtime(d["created_at"]).strftime("%Y-%m-%d %H:%M"), d["received_on"].isoformat(),
                 d["officer__username"], d["country"], words.get(d["category"], d["category"]), d["noc_code"] or not_entered,
                 words.get(d["outcome"], d["outcome"]), words.get(d["decision"], d["decision"]))
        rows.append(ROW_HTML.format(*(escape(text) for text in texts), flags,
                                    escape(words.get(status, status)) if status else not_queued))
    return mark_safe("\n".join(rows))  # every text above is escaped; the rest is our own markup


@supervisor_only
def export_csv(request):
    """Every decision the filters select, in the chosen order, as CSV, streamed as it is read.
    The export is written to the access log with its filter (never the text searched for)."""
    search = DecisionSearch(request.GET, request=request)
    if not search.is_valid(with_cursor=False):
        return render(request, "supervision/search.html", {"search": search, "form": search.form}, status=400)
    services.log(request.user, AccessEvent.Action.EXPORT, None, detail=search.summary())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(_csv_chunks(search.ordered(), _headers()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decisions-{stamp}.csv"'
    return response


def _headers() -> list[str]:
    return [_("Decision"), _("Application number"), _("UCI"), _("Applicant name"), _("Received"), _("Recorded"),
            _("Officer"), _("Country"), _("Category"), _("NOC 2021 code"), _("Indicative outcome"),
            _("Officer's decision"), _("Departs from the indicative outcome"), _("Review status")]


def _cell(value: str) -> str:
    """Text as data, never as a spreadsheet formula (CSV injection): a quote before any text that
    starts like one. Only the free-text columns pass through here, whatever their text: a name or
    number of "-5" is quoted as any other. Numbers (the decision's id) and codes are never negative
    or formula-like, and are written as they are."""
    return "'" + value if value.startswith(QUOTED_STARTS) else value


def _csv_chunks(queryset, headers: list[str]):
    """The header (translated), then the rows (codes, as stored: the same in either language), in
    pieces of about EXPORT_BUFFER characters. On PostgreSQL the rows come through a server-side
    cursor, inside a transaction so that the cursor need not be held (and so materialised in
    full) past a commit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # a byte-order mark, so that spreadsheets read the accents as UTF-8
    writer.writerow(headers)
    rows = queryset.values_list("id", "application_number", "uci", "applicant_name", "received_on", "created_at",
                                "officer__username", "country", "category", "noc_code", "outcome", "decision",
                                "departs", "review_item__status")
    localtime = timezone.localtime
    with transaction.atomic():
        for (pk, number, uci, name, received, recorded, officer, country, category, noc, outcome, decision, departs,
             status) in rows.iterator(chunk_size=EXPORT_CHUNK_ROWS):
            writer.writerow((pk, _cell(number), _cell(uci), _cell(name), received.isoformat(),
                             localtime(recorded).isoformat(timespec="seconds"), _cell(officer), country, category,
                             noc, outcome, decision, "yes" if departs else "no", status or ""))
            if buffer.tell() >= EXPORT_BUFFER:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
