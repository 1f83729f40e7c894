"""Import and export of the occupation lists, the regulation table and the wage table (CSV, XLSX).

Export writes the rows the admin's list shows (its filters and search), with each row's change set
and state. Import never edits a rule: every row of the file is ADDED as a new draft row to a draft
change set chosen on the import form, and goes into force only when a second rules admin approves
the set. Ids in the file are ignored, so a file exported here can be edited and imported again.
Before anything is written, import-export's confirm step shows a dry run: the rows it would add,
or each refused row's number, column and reason.
"""

from datetime import date, datetime
from decimal import InvalidOperation

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models as db
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from .. import models, publishing

# Column the unit group goes in: officers and the instructions name occupations by NOC code.
NOC_COLUMN = "noc_code"


class ImportRefused(Exception):
    """The file as a whole cannot be imported (shown above the rows, as the reason)."""


class NocCodeWidget(widgets.ForeignKeyWidget):
    """A NOC 2021 unit group by its code, with a clear message for a code that is not one."""

    def __init__(self):
        super().__init__(models.UnitGroup, field="code")

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        # A spreadsheet stores 00010 as the number 10 (or 10.0): put the leading zeros back.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        code = str(value).strip()
        code = code.zfill(5) if code.isdigit() else code
        if not models.NOC_CODE.match(code):
            raise ValueError(_("“%(value)s” is not a NOC 2021 code: a code is 5 digits, e.g. 21231.")
                             % {"value": value})
        group = models.UnitGroup.objects.filter(code=code).first()
        if group is None:
            raise ValueError(_("No NOC 2021 unit group has the code %(code)s.") % {"code": code})
        return group


class CodeWidget(widgets.CharWidget):
    """A stored code (category, kind, position question, province), checked against its list."""

    def __init__(self, django_field):
        super().__init__(allow_blank=True)
        self.label = django_field.verbose_name
        self.codes = [code for code, _label in django_field.choices]

    def clean(self, value, row=None, **kwargs):
        code = super().clean(value, row, **kwargs).strip()
        if code and code not in self.codes:
            raise ValueError(_("“%(value)s” is not a code for %(field)s: use one of %(codes)s.")
                             % {"value": code, "field": self.label, "codes": ", ".join(self.codes)})
        return code


class IsoDateWidget(widgets.DateWidget):
    """Dates as YYYY-MM-DD in a CSV file; a spreadsheet's date cells are taken as they are."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(_("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2026-01-31.")
                             % {"value": value}) from None


class FlagWidget(widgets.BooleanWidget):
    """Yes or no, in the words people type in a spreadsheet (English or French)."""

    TRUE = {"1", "true", "yes", "y", "oui", "o", "vrai"}
    FALSE = {"0", "false", "no", "n", "non", "faux"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):  # a spreadsheet's 1 may arrive as 1.0
            return bool(value)
        text = "" if value is None else str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        if text == "":
            return None  # the field's default, if it has one (see RuleRowResource)
        raise ValueError(_("“%(value)s” is not yes or no: write 1 or 0 (true or false).") % {"value": value})


class AmountWidget(widgets.DecimalWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (InvalidOperation, ValueError):
            raise ValueError(_("“%(value)s” is not an amount: write it like 41.50.") % {"value": value}) from None


class RuleRowResource(resources.ModelResource):
    """What the three tables' files share: columns by natural codes, the export-only columns that
    say which change set a row is in, and an import that only ever adds draft rows."""

    # Written on export, ignored on import (a row's place in a change set is not the file's to set).
    id = fields.Field(attribute="id", column_name="id", readonly=True)
    change_set = fields.Field(attribute="change_set_id", column_name="change_set", readonly=True)
    change_set_status = fields.Field(attribute="change_set__status", column_name="change_set_status", readonly=True)
    state = fields.Field(column_name="state", readonly=True)
    replaces = fields.Field(attribute="replaces_id", column_name="replaces", readonly=True)
    removes = fields.Field(attribute="removes", column_name="removes", readonly=True, widget=widgets.BooleanWidget())

    EXPORT_ONLY = ("id", "change_set", "change_set_status", "state", "replaces", "removes")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.countries = set()

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        if field_name == "unit_group":
            return fields.Field(attribute="unit_group", column_name=NOC_COLUMN, widget=NocCodeWidget(),
                                readonly=readonly)
        if django_field.choices:
            widget = CodeWidget(django_field)
        elif isinstance(django_field, db.DateField):
            widget = IsoDateWidget()
        elif isinstance(django_field, db.BooleanField):
            widget = FlagWidget()
        elif isinstance(django_field, db.DecimalField):
            widget = AmountWidget()
        else:
            return super().field_from_django_field(field_name, django_field, readonly)
        return fields.Field(attribute=field_name, column_name=field_name, widget=widget, readonly=readonly,
                            default=django_field.default)

    def dehydrate_state(self, row):
        return "published" if row.published else "draft"

    def get_import_fields(self):
        # The preview and the import page list only the columns an import reads.
        return [f for f in super().get_import_fields() if not f.readonly]

    def required_columns(self) -> list[str]:
        found = []
        for resource_field in self.get_import_fields():
            name = resource_field.attribute
            model_field = self._meta.model._meta.get_field(name)
            if not model_field.blank and not model_field.has_default():
                found.append(resource_field.column_name)
        return found

    def before_import(self, dataset, **kwargs):
        # Headers typed by hand often carry stray spaces or capitals.
        dataset.headers = [str(h or "").strip().lower() for h in dataset.headers]
        change_set = kwargs.get("change_set")
        if change_set is None:
            raise ImportRefused(_("Choose the draft change set the rows go into."))
        # Locked until the import commits: an approval of the same set waits, then sees the rows.
        locked = models.ChangeSet.objects.select_for_update().get(pk=change_set.pk)
        if not locked.is_editable:
            raise ImportRefused(_("Change set #%(pk)s is no longer a draft: nothing can be added to it.")
                                % {"pk": locked.pk})
        missing = [c for c in self.required_columns() if c not in dataset.headers]
        if missing:
            raise ImportRefused(_("The file has no column named %(columns)s. Its first row must name the "
                                  "columns, as in a file exported from this page.") % {"columns": ", ".join(missing)})
        self.countries = set(models.Country.objects.filter(Q(published=True) | Q(change_set=change_set))
                             .values_list("code", flat=True))

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.change_set = kwargs.get("change_set")

    def _columns(self) -> dict[str, str]:
        by_name = {}
        for resource_field in self.fields.values():
            if resource_field.attribute:
                by_name[resource_field.attribute] = resource_field.column_name
                by_name[resource_field.attribute.removesuffix("_id")] = resource_field.column_name
        return by_name

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Field errors under the file's column names; then the checks of a rule row: a known
        country, and no second row for the same rule in force on the same days."""
        columns = self._columns()
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError({columns.get(name, name): messages_ for name, messages_ in
                                   error.message_dict.items()}) from None
        errors = self.rule_errors(instance)
        clashes = publishing.overlapping(instance)
        if clashes:
            other = clashes[0]
            errors.setdefault(NON_FIELD_ERRORS, []).append(_(
                "This row would be in force on the same days as another row for the same rule: %(other)s, in "
                "force from %(start)s (change set #%(pk)s). Change or remove that row in a change set instead of "
                "adding a second one, or give this row dates that do not overlap.")
                % {"other": other, "start": date_format(other.valid_from), "pk": other.change_set_id})
        if errors:
            raise ValidationError(errors)

    def rule_errors(self, instance) -> dict:
        return {}


class ListingResource(RuleRowResource):
    class Meta:
        model = models.Listing
        fields = ("id", "country_code", "category", "kind", "unit_group", "only_if", "unless", "judgement",
                  "wording", "wording_fr", "officer_confirms", "needs_review", "review_note", "valid_from", "valid_to",
                  "source", "citation_en", "citation_fr", *RuleRowResource.EXPORT_ONLY[1:])
        import_order = fields[1:18]
        export_order = fields
        force_init_instance = True  # every row is a new draft row: ids in the file are ignored
        clean_model_instances = True
        use_transactions = True  # the dry run writes its rows in a transaction it rolls back

    def rule_errors(self, instance):
        if instance.country_code and instance.country_code not in self.countries:
            return {"country_code": [_("No country has the code %(code)s: add the country in this change set "
                                       "first, or check the code.") % {"code": instance.country_code}]}
        return {}


class RegulationResource(RuleRowResource):
    class Meta:
        model = models.Regulation
        fields = ("id", "unit_group", "province", "regulated", "regulator", "regulator_fr", "valid_from", "valid_to",
                  "source", "citation_en", "citation_fr", *RuleRowResource.EXPORT_ONLY[1:])
        import_order = fields[1:11]
        export_order = fields
        force_init_instance = True
        clean_model_instances = True
        use_transactions = True


class WageRateResource(RuleRowResource):
    class Meta:
        model = models.WageRate
        fields = ("id", "unit_group", "province", "region_code", "region_name", "low", "median", "high", "annual",
                  "reference_period", "valid_from", "valid_to", "source", "citation_en", "citation_fr",
                  *RuleRowResource.EXPORT_ONLY[1:])
        import_order = fields[1:15]
        export_order = fields
        force_init_instance = True
        clean_model_instances = True
        use_transactions = True


def _draft_change_sets():
    return models.ChangeSet.objects.filter(status=models.ChangeSet.Status.DRAFT)


class RuleImportForm(ImportForm):
    change_set = forms.ModelChoiceField(
        label=gettext_lazy("Draft change set"), queryset=_draft_change_sets(),
        help_text=gettext_lazy("Every row of the file is added to this change set as a new draft row. The rules in "
                               "force change only when the change set is approved."),
        error_messages={
            "required": gettext_lazy("Choose the draft change set the rows go into: an import only ever adds "
                                     "draft rows to a draft change set."),
            "invalid_choice": gettext_lazy("That change set is not a draft any more: choose a draft change set."),
        })
    field_order = ["resource", "change_set", "import_file", "format"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_set"].queryset = _draft_change_sets()
        if not self.fields["change_set"].queryset.exists():
            self.fields["change_set"].help_text = _("There is no draft change set: open one first (Change sets → "
                                                    "Add change set).")


class RuleConfirmImportForm(ConfirmImportForm):
    change_set = forms.ModelChoiceField(
        queryset=_draft_change_sets(), widget=forms.HiddenInput,
        error_messages={"invalid_choice": gettext_lazy(
            "The change set is not a draft any more (it was submitted, published or withdrawn meanwhile): nothing "
            "was imported. Import the file again into a draft change set.")})


class RuleImportExportMixin(ImportExportMixin):
    """Import and export for a rule table's admin: CSV and XLSX, imports into a draft change set."""

    formats = [base_formats.CSV, base_formats.XLSX]
    import_form_class = RuleImportForm
    confirm_form_class = RuleConfirmImportForm
    # The whole row, every column: a file exported here can be edited and imported again.
    export_form_class = ExportForm
    import_template_name = "admin/occupations/import_rules.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request)  # importing is adding draft rows

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def create_confirm_form(self, request, import_form=None):
        form = super().create_confirm_form(request, import_form)
        form.chosen_change_set = import_form.cleaned_data["change_set"] if import_form else None
        return form

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["change_set"] = import_form.cleaned_data["change_set"].pk
        return initial

    def get_import_data_kwargs(self, **kwargs):
        form = kwargs.get("form")
        kwargs = super().get_import_data_kwargs(**kwargs)
        if form is not None and hasattr(form, "cleaned_data"):
            kwargs["change_set"] = form.cleaned_data.get("change_set")
        # All or nothing: a row refused at the confirm step (the rules changed since the preview)
        # must not leave the other rows imported without it.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["export_only_columns"] = RuleRowResource.EXPORT_ONLY
        return context

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("Nothing was imported: some rows were refused. Import the file again to see "
                                      "which rows and why."))
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
                                                current_app=self.admin_site.name))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        added = result.totals["new"]
        messages.success(request, ngettext(
            "%(n)d draft row added to change set #%(pk)s. It goes into force when the change set is approved.",
            "%(n)d draft rows added to change set #%(pk)s. They go into force when the change set is approved.",
            added) % {"n": added, "pk": request.POST.get("change_set")})
