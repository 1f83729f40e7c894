"""The rules admins' forms: a rule row edited in a draft change set, and the steps of a change set."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .. import publishing
from ..models import ChangeSet


class RuleRowForm(forms.ModelForm):
    """A rule row in a draft change set. Refuses a save based on a stale copy of the row (someone
    saved it meanwhile) and a row that would be in force alongside another for the same rule."""

    seen_revision = forms.IntegerField(label=_("Revision seen"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "change_set" in self.fields:
            self.fields["change_set"].queryset = ChangeSet.objects.filter(status=ChangeSet.Status.DRAFT)
            self.fields["change_set"].help_text = _("The draft change set this row belongs to. Rules in force "
                                                    "are never edited: they change when the set is approved.")
        self.fields["seen_revision"].initial = self.instance.revision
        if "valid_from" in self.fields and not self.instance.pk:
            self.fields["valid_from"].initial = timezone.localdate() + timedelta(days=1)

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None:
            # Locked until this save commits (the admin's change view is one transaction): of two
            # admins saving the same draft row at once, the second sees the first's revision.
            # (ordered by pk: the default ordering joins the NOC, which PostgreSQL will not lock)
            current = type(self.instance).objects.select_for_update().filter(pk=self.instance.pk) \
                .order_by("pk").values_list("revision", flat=True).first()
            if current is not None and current != data.get("seen_revision"):
                raise ValidationError(_(
                    "Another rules admin saved this row while you were editing it. Your changes are still in the "
                    "form but were not saved: open the row again in a new tab to see theirs, then save yours "
                    "again if they are still needed."), code="stale")
        return data

    def _post_clean(self):
        super()._post_clean()
        row = self.instance
        if self.errors or not row.change_set_id:
            return
        clashes = publishing.overlapping(row)
        if clashes:
            other = clashes[0]
            self.add_error(None, ValidationError(
                _("This row would be in force on the same days as another row for the same rule: %(other)s, in force "
                  "from %(start)s (change set #%(pk)s). Change or remove that row in this change set instead of "
                  "adding a second one, or give this row dates that do not overlap."),
                params={"other": other, "start": date_format(other.valid_from), "pk": other.change_set_id},
                code="overlap"))


class PickChangeSetForm(forms.Form):
    """Which draft change set a change or a removal of published rows goes into."""

    change_set = forms.ModelChoiceField(label=_("Draft change set"), queryset=ChangeSet.objects.none(),
                                        empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["change_set"].queryset = ChangeSet.objects.filter(status=ChangeSet.Status.DRAFT)


class ApproveForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Takes effect on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"], error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
        help_text=_("Cases received on or after this day are assessed by the new rules. Today or later."))

    def clean_effective_from(self):
        day = self.cleaned_data["effective_from"]
        publishing.check_effective_from(day)  # said at the field, before approve() says it again
        return day
