"""Rule data in the admin: lists with search and filters for every table.

The full rules-admin experience (change sets, history, per-country pages) builds on these.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import models


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("today", _("Today")), ("ended", _("Ended")), ("future", _("Not yet in force"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "today":
            return queryset & queryset.model.in_force_on(today)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_fr", "permanent_residents_eligible", "spouse_owp_citizens",
                    "spouse_owp_permanent_residents", "valid_from", "valid_to")
    list_filter = (InForceFilter,)
    search_fields = ("code", "name_en", "name_fr")


class Noc2016LinkInline(admin.TabularInline):
    model = models.Noc2016Link
    extra = 0
    fields = ("noc2016_code", "noc2016_title", "change_type", "notes")


@admin.register(models.UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "title_en", "title_fr", "teer", "valid_from", "valid_to")
    list_filter = ("teer",)
    search_fields = ("code", "title_en", "title_fr")
    readonly_fields = ("teer",)
    inlines = [Noc2016LinkInline]


@admin.register(models.Noc2016Link)
class Noc2016LinkAdmin(admin.ModelAdmin):
    list_display = ("noc2016_code", "noc2016_title", "unit_group", "change_type")
    search_fields = ("noc2016_code", "noc2016_title", "unit_group__code", "unit_group__title_en")
    list_select_related = ("unit_group",)
    raw_id_fields = ("unit_group",)


@admin.register(models.CategoryRule)
class CategoryRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", "min_study_years", "min_experience_months", "length_of_stay_months",
                    "valid_from", "valid_to")
    list_filter = ("category", "country_code", InForceFilter)


@admin.register(models.Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("country_code", "category", "kind", "unit_group", "only_if", "unless", "needs_review",
                    "valid_from", "valid_to")
    list_filter = ("country_code", "category", "kind", "needs_review", InForceFilter)
    search_fields = ("unit_group__code", "unit_group__title_en", "unit_group__title_fr", "wording")
    list_select_related = ("unit_group",)
    autocomplete_fields = ("unit_group",)


@admin.register(models.Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("unit_group", "province", "regulated", "regulator", "valid_from", "valid_to")
    list_filter = ("province", "regulated", InForceFilter)
    search_fields = ("unit_group__code", "unit_group__title_en", "regulator")
    list_select_related = ("unit_group",)
    autocomplete_fields = ("unit_group",)


@admin.register(models.WageRate)
class WageRateAdmin(admin.ModelAdmin):
    list_display = ("unit_group", "province", "region_code", "region_name", "low", "median", "high",
                    "reference_period")
    list_filter = ("province", "reference_period")
    search_fields = ("unit_group__code", "unit_group__title_en", "region_name", "region_code")
    list_select_related = ("unit_group",)
    autocomplete_fields = ("unit_group",)
