"""The NOC 2021 structure in the admin: unit groups (with their NOC 2016 links) and the concordance.

Reference data rather than rules: not in change sets, but every edit is in its history. The unit
groups' list also loads Statistics Canada's classification structure CSV (``noc_import``, shared
with ``manage.py import_noc``): upload, a preview of what it would change, then confirm.
"""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import models, noc_import

STRUCTURE_MAX_BYTES = 10 * 1024 * 1024  # the official file is about 1 MB; anything far larger is not it
STRUCTURE_SALT = "occupations.noc-structure-preview"
PREVIEW_MAX_AGE = 60 * 60  # seconds a preview can be confirmed for


class UnitGroupForm(forms.ModelForm):
    class Meta:
        model = models.UnitGroup
        fields = ["code", "title_en", "title_fr", "valid_from", "valid_to", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Both names are shown to officers in their language: neither may be left empty.
        self.fields["title_fr"].required = True
        self.fields["title_fr"].error_messages["required"] = _("Enter the French title: officers working in "
                                                               "French see it.")


class StructureUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Classification structure file (CSV)"),
        help_text=_("Statistics Canada's NOC 2021 classification structure, in English (fills the English titles) "
                    "or in French (fills the French titles), as published."))
    valid_from = forms.DateField(
        label=_("New unit groups in force from"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"], error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")})
    source = forms.CharField(label=_("Source"), max_length=300,
                             initial="Statistics Canada, NOC 2021 V1.0 classification structure")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > STRUCTURE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB: it is not the classification structure."))
        try:
            self.structure = noc_import.read_structure(upload.read())
        except noc_import.StructureFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class StructureConfirmForm(forms.Form):
    """Carries what the preview showed, signed: the confirmed load is exactly what was previewed,
    and no upload is kept on the server between the two steps (any process can confirm it)."""

    payload = forms.CharField(widget=forms.HiddenInput)

    def clean_payload(self):
        try:
            return signing.loads(self.cleaned_data["payload"], salt=STRUCTURE_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(_("This preview has expired or was altered: upload the file again.")) from None


class Noc2016LinkInline(admin.TabularInline):
    model = models.Noc2016Link
    extra = 0
    fields = ("noc2016_code", "noc2016_title", "change_type", "notes")


@admin.register(models.UnitGroup)
class UnitGroupAdmin(SimpleHistoryAdmin):
    form = UnitGroupForm
    list_display = ("code", "title_en", "title_fr", "teer", "valid_from", "valid_to")
    list_filter = ("teer",)
    search_fields = ("code", "title_en", "title_fr")
    readonly_fields = ("teer",)
    inlines = [Noc2016LinkInline]
    change_list_template = "admin/occupations/unitgroup/change_list.html"

    def get_urls(self):
        page = self.admin_site.admin_view(self.import_structure_view)
        return [path("import-structure/", page, name="occupations_unitgroup_import_structure"), *super().get_urls()]

    def may_import_structure(self, request) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}),
                                                 "may_import_structure": self.may_import_structure(request)})

    def import_structure_view(self, request):
        """Upload -> preview (counts and row errors; nothing written) -> confirm (loads it)."""
        if not self.may_import_structure(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.opts,
                   "title": gettext("Import the NOC 2021 structure")}
        if request.method == "POST" and "payload" in request.POST:
            confirm = StructureConfirmForm(request.POST)
            if confirm.is_valid():
                return self._load_structure(request, confirm.cleaned_data["payload"])
            for error in confirm.errors["payload"]:
                messages.error(request, error)
            return HttpResponseRedirect(request.path)
        form = StructureUploadForm(request.POST or None, request.FILES or None)
        if form.is_valid():
            language, titles, errors = form.structure
            if not errors and not titles:
                errors = [gettext("No unit groups (level 5 rows) found in the file.")]
            context["errors"] = errors
            if not errors:
                context["plan"] = noc_import.plan(language, titles)
                payload = {"language": language, "titles": titles, "source": form.cleaned_data["source"],
                           "valid_from": form.cleaned_data["valid_from"].isoformat()}
                context["confirm_form"] = StructureConfirmForm(initial={"payload": signing.dumps(
                    payload, salt=STRUCTURE_SALT, compress=True)})
        context["form"] = form
        return TemplateResponse(request, "admin/occupations/unitgroup/import_structure.html", context)

    def _load_structure(self, request, payload):
        done = noc_import.load(payload["language"], payload["titles"], source=payload["source"],
                               valid_from=date.fromisoformat(payload["valid_from"]))
        messages.success(request, gettext(
            "NOC 2021 structure loaded: %(new)d unit groups added, %(changed)d titles changed, %(same)d unchanged.")
            % {"new": len(done.new), "changed": len(done.changed), "same": done.unchanged})
        return HttpResponseRedirect(reverse("admin:occupations_unitgroup_changelist", current_app=self.admin_site.name))


@admin.register(models.Noc2016Link)
class Noc2016LinkAdmin(admin.ModelAdmin):
    list_display = ("noc2016_code", "noc2016_title", "unit_group", "change_type")
    search_fields = ("noc2016_code", "noc2016_title", "unit_group__code", "unit_group__title_en")
    list_select_related = ("unit_group",)
    raw_id_fields = ("unit_group",)
