"""Reports: the page of figures, each figure's chart as an SVG image and its numbers as CSV.

Each figure is shown three ways from the same rows: a chart (server-side SVG drawn by pygal,
served as an image so no script ever runs, the SVG itself carrying none), a table (the numbers,
for screen-reader users and anyone who wants them) and a CSV of exactly that table.
"""

import csv
from dataclasses import dataclass
from urllib.parse import urlencode

import pygal
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from pygal.style import Style

from eligibility.choices import OfficerDecision
from eligibility.models import Decision
from eligibility.templatetags.desk import category_label, country_name, criterion_title, outcome_label

from .. import reports
from ..models import Review
from ..search import ReportFilter

supervisor_only = permission_required("supervision.view_reviewitem", raise_exception=True)


@dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list[str]]


# The figures, in the page's order, with their titles (the chart's, the table's caption, the CSV's).
TITLES = {
    "months": gettext_lazy("Decisions by month recorded"),
    "countries": gettext_lazy("Decisions by country"),
    "categories": gettext_lazy("Decisions by category"),
    "noc": gettext_lazy("Most frequent occupations (NOC 2021)"),
    "overrides": gettext_lazy("Decisions departing from the indicative outcome, by month"),
    "criteria": gettext_lazy("Criteria most often not met"),
    "agreement": gettext_lazy("Supervisors' agreement with officers, by month reviewed"),
}
FIGURES = list(TITLES)
DECISION_HEADERS = {
    OfficerDecision.APPROVE: gettext_lazy("Approved"),
    OfficerDecision.REFUSE: gettext_lazy("Refused"),
    OfficerDecision.REQUEST_INFORMATION: gettext_lazy("Information requested"),
}


# Data: only the queries a figure needs -------------------------------------------------------
def figure_rows(name: str, decisions, groups: list[dict] | None = None) -> list[dict]:
    """The rows of one figure; ``groups`` (reports.breakdown) is reused when the page has it."""
    if name == "noc":
        return reports.top_noc(decisions)
    if name == "criteria":
        return reports.criteria_not_met(decisions)
    if name == "agreement":
        return reports.review_agreement(decisions)
    groups = reports.breakdown(decisions) if groups is None else groups
    if name == "countries":
        return reports.by_country(groups)
    if name == "categories":
        return reports.by_category(groups)
    months = reports.by_month(groups)
    return months if name == "months" else reports.override_rate(months)


# Tables: the same cells on the page and in the CSV ---------------------------------------------
def _int(n) -> str:
    return str(n)


def _percent(rate) -> str:
    return "—" if rate is None else floatformat(rate * 100, 1)  # rounded, in the page's locale


def _month(day) -> str:
    return day.strftime("%Y-%m")


def _noc(row) -> str:
    if not row["noc_code"]:  # cases decided before their occupation was entered
        return str(_("Occupation not entered"))
    title = row["title_fr"] if (get_language() or "").startswith("fr") and row["title_fr"] else row["title_en"]
    return f"{row['noc_code']} {title}".strip()


def _counts_table(name, rows, key_header, key_label) -> Table:
    headers = [key_header, _("Decisions"), *(str(outcome_label(o)) for o in reports.OUTCOMES),
               *(str(DECISION_HEADERS[d]) for d in reports.DECISIONS), _("Overrides")]
    return Table(name, str(TITLES[name]), headers, [
        [key_label(r), *(_int(r[k]) for k in reports.COUNT_KEYS)] for r in rows])


def table(name: str, rows: list[dict]) -> Table:
    if name == "months":
        return _counts_table(name, rows, _("Month"), lambda r: _month(r["month"]))
    if name == "countries":
        return _counts_table(name, rows, _("Country"), lambda r: str(country_name(r["country"])))
    if name == "categories":
        return _counts_table(name, rows, _("Category"), lambda r: str(category_label(r["category"])))
    if name == "noc":
        return _counts_table(name, rows, _("Occupation"), _noc)
    if name == "overrides":
        return Table(name, str(TITLES[name]), [_("Month"), _("Decisions"), _("Overrides"), _("Override rate (%)")],
                     [[_month(r["month"]), _int(r["total"]), _int(r["overrides"]), _percent(r["rate"])]
                      for r in rows])
    if name == "criteria":
        return Table(name, str(TITLES[name]), [_("Criterion"), _("Times not met"), _("Share of decisions (%)")],
                     [[str(criterion_title(r["criterion"])), _int(r["not_met"]), _percent(r["share"])]
                      for r in rows])
    return Table(name, str(TITLES[name]), [
        _("Month"), _("Reviews"), _("Concurred"), _("Disagreed"), _("Returned"), _("Agreement (%)")], [
        [_month(r["month"]), _int(r["total"]), *(_int(r[v]) for v in reports.VERDICTS), _percent(r["rate"])]
        for r in rows])


# Charts ---------------------------------------------------------------------------------------
STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#212529", foreground_strong="#212529",
    foreground_subtle="#6c757d", opacity="1", opacity_hover="1", transition="0s",
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    # Distinguishable for the common colour-vision deficiencies (Okabe-Ito), dark enough on white.
    colors=("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"),
)


def _without_scripts(root):
    """pygal always writes a <script> with its configuration; the report's SVG carries none."""
    for parent in list(root.iter()):
        for child in list(parent):
            if str(child.tag).rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _config(title: str, **extra) -> dict:
    return {"title": title, "style": STYLE, "js": [], "width": 800,
            "height": 400, "legend_at_bottom": True, "no_data_text": _("No decisions match these filters"),
            "truncate_label": 40, **extra}


def _outcome_bars(title: str, labels: list[str], rows: list[dict]) -> pygal.Graph:
    chart = pygal.StackedBar(**_config(title, x_label_rotation=-30 if len(labels) > 8 else 0))
    chart.x_labels = labels
    for outcome in reports.OUTCOMES:
        chart.add(str(outcome_label(outcome)), [r[outcome] for r in rows])
    return chart


def _short(label: str, length: int = 40) -> str:
    return label if len(label) <= length else label[:length - 1].rstrip() + "…"


def _ranking(title: str, labels: list[str], series: str, values: list[int]) -> pygal.Graph:
    """Horizontal bars, the first (largest) at the top: pygal draws the first one at the bottom."""
    graph = pygal.HorizontalBar(**_config(title, show_legend=False, max_scale=6))
    graph.x_labels = labels[::-1]
    graph.add(series, values[::-1])
    return graph


def _chart(name: str, rows: list[dict]) -> pygal.Graph:
    title = str(TITLES[name])
    if name == "months":
        return _outcome_bars(title, [_month(r["month"]) for r in rows], rows)
    if name == "countries":
        return _outcome_bars(title, [str(country_name(r["country"])) for r in rows], rows)
    if name == "categories":
        return _outcome_bars(title, [str(category_label(r["category"])) for r in rows], rows)
    if name == "noc":
        return _ranking(title, [_short(_noc(r)) for r in rows], _("Decisions"), [r["total"] for r in rows])
    if name == "criteria":
        return _ranking(title, [str(criterion_title(r["criterion"])) for r in rows], _("Times not met"),
                        [r["not_met"] for r in rows])
    graph = pygal.Line(**_config(title, show_legend=False, range=(0, 100), x_label_rotation=-30))
    graph.x_labels = [_month(r["month"]) for r in rows]
    if name == "overrides":
        graph.add(_("Override rate (%)"), [None if r["rate"] is None else r["rate"] * 100 for r in rows])
    else:
        graph.add(_("Agreement (%)"), [None if r["rate"] is None else r["rate"] * 100 for r in rows])
    return graph


def svg(name: str, rows: list[dict]) -> bytes:
    graph = _chart(name, rows)
    graph.add_xml_filter(_without_scripts)
    return graph.render()


# Views ----------------------------------------------------------------------------------------
def _filters(request) -> tuple[ReportFilter, str]:
    """The search's filters (the same names, so a search's query string opens its reports)."""
    filterset = ReportFilter(request.GET, queryset=Decision.objects.all(), request=request)
    query = urlencode([(k, v) for k in filterset.form.fields for v in request.GET.getlist(k) if v])
    return filterset, query


def _figure_name(name: str) -> str:
    if name not in TITLES:
        raise Http404
    return name


@require_GET
@supervisor_only
def page(request):
    filterset, query = _filters(request)
    context = {"form": filterset.form, "query": query, "tables": []}
    if filterset.is_valid():
        decisions = reports.counted(filterset)  # the tallies when the filters allow, else the decisions
        groups = reports.breakdown(decisions)
        rows = {name: figure_rows(name, decisions, groups) for name in FIGURES}
        total = reports.totals(groups)
        agreement = rows["agreement"]
        concur = sum(r[Review.Verdict.CONCUR] for r in agreement)
        concluded = concur + sum(r[Review.Verdict.DISAGREE] for r in agreement)
        context.update({
            "tables": [table(name, rows[name]) for name in FIGURES],
            "total": total["total"],
            "override_rate": _percent(total["overrides"] / total["total"] if total["total"] else None),
            "agreement_rate": _percent(concur / concluded if concluded else None),
        })
    return render(request, "supervision/reports.html", context)


class BadFilters(Exception):
    pass


def _filtered(request):
    filterset, _query = _filters(request)
    if not filterset.is_valid():
        raise BadFilters  # the page shows the errors; a chart or CSV of invalid filters is refused
    return reports.counted(filterset)


@require_GET
@supervisor_only
def figure_svg(request, name: str):
    name = _figure_name(name)
    try:
        image = svg(name, figure_rows(name, _filtered(request)))
    except BadFilters:
        return HttpResponseBadRequest(_("Invalid filters."), content_type="text/plain; charset=utf-8")
    response = HttpResponse(image, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@supervisor_only
def figure_csv(request, name: str):
    name = _figure_name(name)
    try:
        result = table(name, figure_rows(name, _filtered(request)))
    except BadFilters:
        return HttpResponseBadRequest(_("Invalid filters."), content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="report-{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # a byte-order mark, so that spreadsheets read the accents as UTF-8
    writer = csv.writer(response)
    writer.writerow(result.headers)
    writer.writerows(result.rows)
    return response
