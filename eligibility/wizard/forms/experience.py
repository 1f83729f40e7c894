"""Experience: periods of paid work in the sector of the contract, totalled for the officer."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import RefuseControlCharacters
from eligibility.rulebook.counting import WorkPeriod, full_time_months, overlapping

from .base import date_field, plain


class WorkPeriodForm(RefuseControlCharacters, forms.Form):
    employer = forms.CharField(label=_("Employer"), max_length=200)
    start = date_field(_("From"))
    end = date_field(_("To"))
    hours_per_week = forms.DecimalField(label=_("Hours a week"), min_value=1, max_value=80, decimal_places=1)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of a period cannot be before its start."))
        return data


class BasePeriodFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        periods = self.periods()
        clash = overlapping(periods)
        if clash:
            raise forms.ValidationError(
                _("Periods %(first)s and %(second)s overlap: enter overlapping work as one period with the combined "
                  "hours.") % {"first": clash[0] + 1, "second": clash[1] + 1})

    def periods(self) -> list[WorkPeriod]:
        return [WorkPeriod(f.cleaned_data["start"], f.cleaned_data["end"], float(f.cleaned_data["hours_per_week"]))
                for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


PeriodFormSet = forms.formset_factory(WorkPeriodForm, formset=BasePeriodFormSet, extra=0, min_num=0,
                                      can_delete=True, max_num=30, validate_max=True)


class ExperienceStep:
    """The experience step: a formset of periods, saved with their total in months."""

    def __init__(self, data=None, initial=None):
        periods = (initial or {}).get("periods") or []
        # A decision recorded without periods (the batch, or before periods were asked for) has
        # only its total: kept while no period is entered, so a correction does not zero it.
        self.recorded_months = None if periods else (initial or {}).get("months")
        self.adding = data is not None and "add_period" in data
        if self.adding:
            # A bound formset has as many rows as the form says it sent: ask for one more.
            data = data.copy()
            total = data.get("period-TOTAL_FORMS", "0")
            # A forged count ("²" passes isdigit(), 5,000 digits pass nothing) restarts at one row.
            data["period-TOTAL_FORMS"] = str(int(total) + 1 if re.fullmatch(r"[0-9]{1,4}", total) else 1)
        self.formset = PeriodFormSet(data, initial=periods or None, prefix="period")
        self.formset.extra = 1 if not periods else 0

    def is_valid(self) -> bool:
        return self.formset.is_valid()

    @property
    def errors(self):
        return self.formset.errors

    def answers(self) -> dict:
        kept = [f.cleaned_data for f in self.formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        periods = [{k: plain(v) for k, v in d.items() if k != "DELETE"} for d in kept]
        if not periods and self.recorded_months is not None:
            return {"periods": [], "months": self.recorded_months}
        return {"periods": periods, "months": full_time_months(self.formset.periods())}
