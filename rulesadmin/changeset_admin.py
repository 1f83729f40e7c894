"""Change sets in the admin: open one, see its entries, preview its impact, submit it, and (for a
second rules admin) approve it with the day it takes effect. Steps are POSTs to the change set's
own URLs; each is done by ``occupations.publishing`` and lands in the change set's history."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from occupations import publishing
from occupations.admin.forms import ApproveForm
from occupations.models import ChangeSet

from . import impact

PREVIEW_DAYS = 90


def entries(change_set) -> list:
    found = publishing.entries(change_set)
    for entry in found:
        meta = entry.row._meta
        entry.url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[entry.row.pk])
    return found


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Decisions recorded from"), input_formats=["%Y-%m-%d"],
                            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                            error_messages={"invalid": gettext_lazy("Enter the date as YYYY-MM-DD.")})
    end = forms.DateField(label=gettext_lazy("Decisions recorded until"), input_formats=["%Y-%m-%d"],
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                          error_messages={"invalid": gettext_lazy("Enter the date as YYYY-MM-DD.")})

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            if data["end"] < data["start"]:
                self.add_error("end", gettext_lazy("The end date cannot be before the start date."))
            elif (data["end"] - data["start"]).days > 366:
                self.add_error("start", gettext_lazy("Choose a period of a year at most."))
        return data


def period_form(request) -> PeriodForm:
    today = timezone.localdate()
    initial = {"start": (today - timedelta(days=PREVIEW_DAYS)).isoformat(), "end": today.isoformat()}
    return PeriodForm({**initial, **{k: v for k, v in request.GET.items() if k in initial and v}})


@admin.register(ChangeSet)
class ChangeSetAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "status", "author", "submitted_at", "approved_by", "effective_from", "published_at")
    list_filter = ("status",)
    search_fields = ("title", "description")
    fields = ("title", "description", "status", "author", "created_at", "submitted_at", "approved_by",
              "effective_from", "published_at")
    readonly_fields = ("status", "author", "created_at", "submitted_at", "approved_by", "effective_from",
                       "published_at")
    history_list_display = ["status", "effective_from"]
    change_form_template = "admin/occupations/changeset/change_form.html"

    def has_delete_permission(self, request, obj=None):
        return False  # a change set is withdrawn, never deleted: its history stays

    def has_change_permission(self, request, obj=None):
        # The title and the reasons are the author's, while the set is a draft. Steps have their own URLs.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or (obj.is_editable and obj.author_id == request.user.pk))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change_set = ChangeSet.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if change_set is None:  # the admin's own answer to an unknown id (a redirect with a message)
            return super().change_view(request, object_id, form_url, extra_context)
        extra = {"entries": entries(change_set), "change_set": change_set,
                 "is_author": change_set.author_id == request.user.pk,
                 "can_act": self.has_add_permission(request),
                 "problems": publishing.problems(change_set) if change_set.is_editable else [],
                 **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/impact/", view(self.impact_view), name="occupations_changeset_impact"),
            path("<int:pk>/submit/", view(require_POST(self.step_view)), {"step": "submit"},
                 name="occupations_changeset_submit"),
            path("<int:pk>/back-to-draft/", view(require_POST(self.step_view)), {"step": "back"},
                 name="occupations_changeset_back"),
            path("<int:pk>/withdraw/", view(require_POST(self.step_view)), {"step": "withdraw"},
                 name="occupations_changeset_withdraw"),
            path("<int:pk>/approve/", view(self.approve_view), name="occupations_changeset_approve"),
            *super().get_urls(),
        ]

    def _change_set(self, request, pk) -> ChangeSet:
        if not self.has_add_permission(request):  # the rules admin's permission to change rules
            raise PermissionDenied
        return get_object_or_404(ChangeSet, pk=pk)

    def _back_to(self, change_set):
        return redirect(reverse("admin:occupations_changeset_change", args=[change_set.pk]))

    def step_view(self, request, pk, step):
        change_set = self._change_set(request, pk)
        do = {"submit": publishing.submit, "back": publishing.return_to_draft, "withdraw": publishing.withdraw}[step]
        done = {"submit": _("Submitted for approval by a second rules admin."),
                "back": _("Back to draft: its rows can be changed again."),
                "withdraw": _("Withdrawn. Its rows will never take effect.")}[step]
        try:
            do(change_set, request.user)
        except ValidationError as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return self._back_to(change_set)

    def impact_view(self, request, pk):
        change_set = self._change_set(request, pk)
        form = period_form(request)
        result = impact.preview(change_set, form.cleaned_data["start"], form.cleaned_data["end"]) \
            if form.is_valid() else None
        return TemplateResponse(request, "admin/occupations/changeset/impact.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "change_set": change_set,
            "title": _("Impact of change set #%(pk)s") % {"pk": change_set.pk}, "form": form, "impact": result})

    def approve_view(self, request, pk):
        change_set = self._change_set(request, pk)
        tomorrow = timezone.localdate() + timedelta(days=1)
        form = ApproveForm(request.POST if request.method == "POST" else None, initial={"effective_from": tomorrow})
        if request.method == "POST" and form.is_valid():
            try:
                publishing.approve(change_set, request.user, form.cleaned_data["effective_from"])
            except ValidationError as refused:
                for message in refused.messages:
                    form.add_error(None, message)
            else:
                self.message_user(request, _("Approved and published: the change takes effect on %(day)s.")
                                  % {"day": form.cleaned_data["effective_from"].isoformat()}, messages.SUCCESS)
                return self._back_to(change_set)
        period = period_form(request)
        result = impact.preview(change_set, period.cleaned_data["start"], period.cleaned_data["end"]) \
            if period.is_valid() else None
        return TemplateResponse(request, "admin/occupations/changeset/approve.html", {
            **self.admin_site.each_context(request), "opts": self.opts, "change_set": change_set,
            "title": _("Approve change set #%(pk)s") % {"pk": change_set.pk}, "form": form, "period": period,
            "impact": result, "entries": entries(change_set),
            "is_author": change_set.author_id == request.user.pk})
