"""Golden scenarios in the admin: edit them, run them all, import and export them as JSONL.

The views are thin: ``golden.run`` does the assessing and ``forms`` the import; these pages only
check permissions and show the results.
"""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import forms, golden
from .models import CRITERION_CHOICES, GoldenScenario

CRITERION_LABELS = dict(CRITERION_CHOICES)
ITEM_LABELS = {
    golden.OUTCOME: _("Outcome"),
    golden.NOT_MET: _("Criteria not met"),
    golden.UNDETERMINED: _("Criteria undetermined"),
    golden.MONTHS: _("Work-permit maximum (months)"),
    golden.SPOUSE: _("Spouse open work permit (T53)"),
}
ERROR_LABELS = {
    "invalid_case": _("The case no longer parses"),
    "no_rules": _("No rules in force"),
    "engine_error": _("The rules engine failed on this case"),
}


@admin.register(GoldenScenario)
class GoldenScenarioAdmin(admin.ModelAdmin):
    form = forms.GoldenScenarioForm
    list_display = ("code", "title", "expected_outcome", "source", "active", "updated_at")
    list_display_links = ("code", "title")
    list_filter = ("source", "expected_outcome", "active")
    search_fields = ("code", "title", "notes", "source")
    readonly_fields = ("created_at", "updated_at")
    actions = ["run_selected", "export_selected"]
    change_list_template = "admin/rulesadmin/goldenscenario/change_list.html"
    fieldsets = (
        (None, {"fields": ("code", "title", "source", "active")}),
        (_("Case"), {"fields": ("case",)}),
        (_("Expected result"), {"fields": ("expected_outcome", "expected_not_met", "expected_undetermined",
                                           "expected_work_permit_max_months", "expected_spouse_open_work_permit")}),
        (_("Notes"), {"fields": ("notes", "created_at", "updated_at")}),
    )

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("run/", wrap(self.run_view), name=f"{name}_run"),
            path("import/", wrap(self.import_view), name=f"{name}_import"),
            path("export/", wrap(self.export_view), name=f"{name}_export"),
        ] + super().get_urls()

    # Run ---------------------------------------------------------------------------------------
    def run_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        scenarios = GoldenScenario.objects.filter(active=True)
        inactive = GoldenScenario.objects.filter(active=False).count()
        return self._results_page(request, golden.run(scenarios), _("Run all golden scenarios"), inactive)

    @admin.action(description=_("Run the selected scenarios"), permissions=["view"])
    def run_selected(self, request, queryset):
        return self._results_page(request, golden.run(queryset.order_by("code")), _("Run selected golden scenarios"))

    def _results_page(self, request, results, title, inactive=0):
        # Failures first: they are what the admin came to see.
        results = sorted(results, key=lambda r: (r.passed, r.scenario.code))
        passed = sum(r.passed for r in results)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "rows": [_row(r) for r in results],
            "passed": passed,
            "failed": len(results) - passed,
            "total": len(results),
            "inactive": inactive,
            "versions": sorted({r.rules_version for r in results if r.rules_version}),
        }
        return TemplateResponse(request, "admin/rulesadmin/goldenscenario/run.html", context)

    # Import ------------------------------------------------------------------------------------
    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        preview = None
        form = forms.ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            text = form.text()
            preview = forms.preview_import(text)
            if "confirm" in request.POST and preview.importable:
                created, updated = forms.apply_import(preview)
                self.message_user(request, _("Imported: %(created)s created, %(updated)s updated.")
                                  % {"created": created, "updated": updated}, messages.SUCCESS)
                return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
            form = forms.ImportForm(initial={"content": forms.sign_content(text)})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import golden scenarios from JSONL"),
            "form": form,
            "preview": preview,
        }
        return TemplateResponse(request, "admin/rulesadmin/goldenscenario/import.html", context)

    # Export ------------------------------------------------------------------------------------
    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return _jsonl_response(GoldenScenario.objects.all())

    @admin.action(description=_("Export the selected scenarios as JSONL"), permissions=["view"])
    def export_selected(self, request, queryset):
        return _jsonl_response(queryset.order_by("code"))


def _jsonl_response(scenarios) -> HttpResponse:
    lines = (json.dumps(golden.scenario_row(s), ensure_ascii=False) + "\n" for s in scenarios)
    response = HttpResponse("".join(lines), content_type="application/jsonl; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="golden_scenarios.jsonl"'
    return response


def _row(result) -> dict:
    """One scenario's line on the results page, with its differences worded."""
    return {
        "scenario": result.scenario,
        "passed": result.passed,
        "outcome": _shown(golden.OUTCOME, result.outcome) if result.outcome else None,
        "error": result.error,
        "error_label": ERROR_LABELS.get(result.error.kind) if result.error else None,
        "differences": [
            {"label": ITEM_LABELS[d.item], "expected": _shown(d.item, d.expected), "actual": _shown(d.item, d.actual),
             "missing": [CRITERION_LABELS[c] for c in d.missing],
             "unexpected": [CRITERION_LABELS[c] for c in d.unexpected]}
            for d in result.differences
        ],
    }


def _shown(item, value):
    if item in golden.SET_ITEMS:
        return ", ".join(str(CRITERION_LABELS.get(c, c)) for c in value) or _("none")
    if item == golden.OUTCOME:
        return dict(GoldenScenario._meta.get_field("expected_outcome").choices).get(value, value)
    if item == golden.SPOUSE:
        return {True: _("yes"), False: _("no"), None: _("not applicable (no spouse)")}[value]
    return value
