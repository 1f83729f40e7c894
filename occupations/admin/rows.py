"""Rule data in the admin: every table with its lists, search and filters, and its history.

Rows in force are read-only. A rules admin changes them through a draft change set: "Change in
a change set" makes an editable draft copy that replaces the row once the set is published,
"Remove in a change set" a draft entry that removes it; new rows are added to a draft change set.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import JSONField
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from config.forms import StrictJSONField

from .. import models, publishing
from . import country_pages
from .forms import PickChangeSetForm, RuleRowForm
from .imports import ListingResource, RegulationResource, RuleImportExportMixin, WageRateResource


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("today", _("Today")), ("ended", _("Ended or replaced")), ("future", _("Not yet in force")),
                ("draft", _("Draft (not published)"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        in_force = queryset.model.in_force_on(today)
        if self.value() == "today":
            return queryset.filter(pk__in=in_force.values("pk"))
        if self.value() == "ended":
            return queryset.filter(published=True, removes=False, valid_from__lte=today).exclude(
                pk__in=in_force.values("pk"))
        if self.value() == "future":
            return queryset.filter(published=True, removes=False, valid_from__gt=today)
        if self.value() == "draft":
            return queryset.filter(published=False)
        return queryset


class RuleRowAdmin(SimpleHistoryAdmin):
    """What every rule table's admin shares: change sets, read-only published rows, history."""

    form = RuleRowForm
    # JSON a database can hold (no NaN, no "\u0000"), refused at the field rather than at the save.
    formfield_overrides = {JSONField: {"form_class": StrictJSONField}}
    actions = ["change_in_change_set", "remove_in_change_set"]
    list_select_related = ("change_set",)
    readonly_fields = ("replaces", "removes", "published", "change_set_status")
    history_list_display = ["change_set"]

    @admin.display(description=_("change set status"))
    def change_set_status(self, obj):
        return obj.change_set.get_status_display() if obj and obj.change_set_id else ""

    @admin.display(description=_("state"))
    def state(self, obj):
        if not obj.published:
            return _("Draft: removes a row") if obj.removes else _("Draft")
        return _("Removal") if obj.removes else _("Published")

    def get_list_display(self, request):
        return (*super().get_list_display(request), "state", "change_set")

    def get_list_filter(self, request):
        return (InForceFilter, *super().get_list_filter(request))

    def _editable(self, obj) -> bool:
        return obj is None or (not obj.published and obj.change_set.is_editable)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)

    def has_delete_permission(self, request, obj=None):
        # Deleting is only ever discarding a draft row; a published row is removed by a change set.
        return super().has_delete_permission(request, obj) and obj is not None and self._editable(obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # no bulk delete: published rows are never deleted
        if not self.has_add_permission(request):
            actions.pop("change_in_change_set", None)
            actions.pop("remove_in_change_set", None)
        return actions

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # A row shown read-only has no form to guard: its hidden revision would show as "Seen revision: None".
            fields = [f for f in fields if f != "seen_revision"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "valid_from") if obj is not None and obj.replaces_id and obj.removes else fields

    def _into_change_set(self, request, queryset, propose, title):
        form = PickChangeSetForm(request.POST if "pick" in request.POST else None)
        if not form.fields["change_set"].queryset.exists():
            self.message_user(request, _("Open a draft change set first (Change sets → Add change set)."),
                              messages.WARNING)
            return None
        if form.is_valid():
            change_set, made, refused = form.cleaned_data["change_set"], [], []
            for row in queryset:
                try:
                    made.append(propose(row, change_set))
                except ValidationError as error:
                    refused.append(f"{row}: {' '.join(error.messages)}")
            if made:
                self.message_user(request, ngettext("%(n)d row added to change set #%(pk)s.",
                                                    "%(n)d rows added to change set #%(pk)s.", len(made))
                                  % {"n": len(made), "pk": change_set.pk}, messages.SUCCESS)
            for problem in refused:
                self.message_user(request, problem, messages.ERROR)
            if len(made) == 1 and not made[0].removes:
                name = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
                return HttpResponseRedirect(reverse(name, args=[made[0].pk]))
            return None
        return TemplateResponse(request, "admin/occupations/pick_change_set.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "title": title, "form": form,
            "rows": queryset, "action": request.POST.get("action"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)})

    @admin.action(description=_("Change in a change set"))
    def change_in_change_set(self, request, queryset):
        return self._into_change_set(request, queryset, publishing.propose_change, _("Change in a change set"))

    @admin.action(description=_("Remove in a change set"))
    def remove_in_change_set(self, request, queryset):
        return self._into_change_set(request, queryset, publishing.propose_removal, _("Remove in a change set"))


@admin.register(models.Country)
class CountryAdmin(RuleRowAdmin):
    list_display = ("code", "name_en", "name_fr", "permanent_residents_eligible", "spouse_owp_citizens",
                    "spouse_owp_permanent_residents", "valid_from", "valid_to")
    search_fields = ("code", "name_en", "name_fr")
    # Its object tools add the button to the pages per country and category (``country_pages``).
    change_list_template = "admin/occupations/country_rules_change_list.html"

    def get_urls(self):
        # First: the admin's catch-all "<object_id>/" would otherwise take "rules/...".
        return [*country_pages.urls(self), *super().get_urls()]


@admin.register(models.CategoryRule)
class CategoryRuleAdmin(RuleRowAdmin):
    list_display = ("__str__", "min_study_years", "min_experience_months", "length_of_stay_months",
                    "valid_from", "valid_to")
    list_filter = ("category", "country_code")
    search_fields = ("country_code",)


@admin.register(models.Listing)
class ListingAdmin(RuleImportExportMixin, RuleRowAdmin):
    resource_classes = [ListingResource]
    list_display = ("country_code", "category", "kind", "unit_group", "only_if", "unless", "judgement",
                    "needs_review", "valid_from", "valid_to")
    list_filter = ("country_code", "category", "kind", "judgement", "needs_review")
    search_fields = ("unit_group__code", "unit_group__title_en", "unit_group__title_fr", "wording", "wording_fr")
    list_select_related = ("unit_group", "change_set")
    autocomplete_fields = ("unit_group",)


@admin.register(models.Regulation)
class RegulationAdmin(RuleImportExportMixin, RuleRowAdmin):
    resource_classes = [RegulationResource]
    list_display = ("unit_group", "province", "regulated", "regulator_named", "valid_from", "valid_to")
    list_filter = ("province", "regulated")
    search_fields = ("unit_group__code", "unit_group__title_en", "regulator", "regulator_fr")
    list_select_related = ("unit_group", "change_set")
    autocomplete_fields = ("unit_group",)

    @admin.display(description=_("regulator"), ordering="regulator")
    def regulator_named(self, obj):
        return obj.regulator_fr if (get_language() or "").startswith("fr") and obj.regulator_fr else obj.regulator


@admin.register(models.WageRate)
class WageRateAdmin(RuleImportExportMixin, RuleRowAdmin):
    resource_classes = [WageRateResource]
    list_display = ("unit_group", "province", "region_code", "region_name", "low", "median", "high",
                    "reference_period")
    list_filter = ("province", "reference_period")
    search_fields = ("unit_group__code", "unit_group__title_en", "region_name", "region_code")
    list_select_related = ("unit_group", "change_set")
    autocomplete_fields = ("unit_group",)
