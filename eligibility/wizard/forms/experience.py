"""Experience: periods of paid work in the sector of the contract, totalled for the officer."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.forms import RefuseControlCharacters, TextLimits
from eligibility.rulebook.counting import (
    EARLIEST_WORK_YEAR,
    WorkPeriod,
    counted_end,
    full_time_months,
    is_cut,
    overlapping,
)

from .base import date_field, plain


class WorkPeriodForm(TextLimits, RefuseControlCharacters, forms.Form):
    """One period. ``received_on``: the application's receipt date, up to which work counts;
    ``today``: no period is dated later."""

    employer = forms.CharField(label=_("Employer"), max_length=200)
    start = date_field(_("From"))
    end = date_field(_("To"))
    hours_per_week = forms.DecimalField(label=_("Hours a week"), min_value=1, max_value=80, decimal_places=1)

    def __init__(self, *args, received_on: date, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.received_on, self.today = received_on, today
        self.fields["end"].help_text = _(
            "For example 2025-03-03. Only work up to the date received (%(received)s) counts.") % {
            "received": received_on.isoformat()}

    def _dated(self, name: str):
        day = self.cleaned_data.get(name)
        if day is None:
            return None
        if day.year < EARLIEST_WORK_YEAR:
            self.add_error(name, _("Enter a date in %(year)s or later.") % {"year": EARLIEST_WORK_YEAR})
            return None
        if day > self.today:
            self.add_error(name, _("Enter a date no later than today (%(today)s). For work that goes on, enter "
                                   "today's date: only work up to the date received counts.")
                           % {"today": self.today.isoformat()})
            return None
        return day

    def clean(self):
        data = super().clean()
        start, end = self._dated("start"), self._dated("end")
        if start and start > self.received_on:
            self.add_error("start", _("This period starts after the application was received (%(received)s): "
                                      "work after that date does not count. Remove the period or correct its "
                                      "start.") % {"received": self.received_on.isoformat()})
        elif start and end and end < start:
            self.add_error("end", _("The end of a period cannot be before its start."))
        return data

    @property
    def counted_to(self) -> date | None:
        """The receipt date, when this period runs past it and is counted only up to it."""
        data = self.cleaned_data if self.is_bound and not self.errors else {}
        if not data:
            saved = self.initial or {}
            try:
                data = {"start": date.fromisoformat(saved["start"]), "end": date.fromisoformat(saved["end"]),
                        "hours_per_week": 0}
            except (KeyError, TypeError, ValueError):
                return None
        if not (data.get("start") and data.get("end")):
            return None
        period = WorkPeriod(data["start"], data["end"], 0.0)
        return counted_end(period, self.received_on) if is_cut(period, self.received_on) else None

    @property
    def cut_note(self) -> str:
        """What the officer is told of a period counted only up to the receipt date."""
        until = self.counted_to
        if until is None:
            return ""
        return _("Counted up to %(received)s, the date the application was received: the work after it does not "
                 "count.") % {"received": until.isoformat()}


class BasePeriodFormSet(forms.BaseFormSet):
    def __init__(self, *args, received_on: date, today: date, **kwargs):
        self.received_on, self.today = received_on, today
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        periods = self.periods()
        clash = overlapping(periods)
        if clash:
            raise forms.ValidationError(
                _("Periods %(first)s and %(second)s overlap: enter overlapping work as one period with the combined "
                  "hours.") % {"first": clash[0] + 1, "second": clash[1] + 1})

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "received_on": self.received_on, "today": self.today}

    def periods(self) -> list[WorkPeriod]:
        return [WorkPeriod(f.cleaned_data["start"], f.cleaned_data["end"], float(f.cleaned_data["hours_per_week"]))
                for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


PeriodFormSet = forms.formset_factory(WorkPeriodForm, formset=BasePeriodFormSet, extra=0, min_num=0,
                                      can_delete=True, max_num=30, validate_max=True)


class ExperienceStep:
    """The experience step: a formset of periods, saved with their total in months, counted up
    to the date the application was received (``received_on``; today's date if not answered)."""

    def __init__(self, data=None, initial=None, received_on: date | None = None):
        today = timezone.localdate()
        self.received_on = min(received_on or today, today)
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
        self.formset = PeriodFormSet(data, initial=periods or None, prefix="period",
                                     received_on=self.received_on, today=today)
        self.formset.extra = 1 if not periods else 0

    def is_valid(self) -> bool:
        return self.formset.is_valid()

    @property
    def errors(self):
        return self.formset.errors

    def _kept(self) -> list[WorkPeriodForm]:
        return [f for f in self.formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    @property
    def notices(self) -> list[str]:
        """Said to the officer once the step is saved: the periods counted only in part."""
        return [_("Period %(n)s (%(employer)s): %(note)s") % {"n": n, "employer": f.cleaned_data["employer"],
                                                              "note": f.cut_note}
                for n, f in enumerate(self.formset.forms, start=1) if f in self._kept() and f.counted_to]

    def answers(self) -> dict:
        """Each period as entered, with ``counted_to`` (the receipt date) when only its part up to
        that date counts, so the decision's record shows what was entered and what was counted."""
        periods = []
        for form in self._kept():
            period = {k: plain(v) for k, v in form.cleaned_data.items() if k != "DELETE"}
            if form.counted_to:
                period["counted_to"] = form.counted_to.isoformat()
            periods.append(period)
        if not periods and self.recorded_months is not None:
            return {"periods": [], "months": self.recorded_months}
        return {"periods": periods, "months": full_time_months(self.formset.periods(), self.received_on)}
