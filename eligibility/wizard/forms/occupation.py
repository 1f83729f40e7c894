"""Occupation and offer: the NOC 2021 occupation (by code or title), where the work is performed,
the offer, and the questions the country's list asks of this occupation."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from occupations import choices, selectors
from occupations.templatetags.rules_tags import unit_group_title

from .base import StepForm, as_yes_no, plain, yes_no

NOC_AT_START = re.compile(r"\s*([0-9]{5})\b")


def resolve_noc(text: str) -> tuple[str | None, list]:
    """A NOC 2021 code from what the officer typed: a code (a suggestion "21231 Software
    engineers…" starts with one) or words of a title. → (code, []) or (None, candidates)."""
    found = NOC_AT_START.match(text or "")
    if found:
        return found.group(1), []
    matches = selectors.search_unit_groups(text or "", limit=8)
    if len(matches) == 1:
        return matches[0].code, []
    return None, matches


def region_name(name: str) -> str:
    """A Job Bank economic region's name as people write it: the data's "--" is an en dash."""
    return name.replace("--", "–")


class RegionSelect(forms.Select):
    """The economic regions grouped by province; each option names its province (``data-province``)
    so that a script can offer only the chosen province's regions. Without the script, all show."""

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.provinces = provinces or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.provinces:
            option["attrs"]["data-province"] = self.provinces[value]
        return option


class OccupationForm(StepForm):
    yes_no_fields = ("compliance_fee_paid",)

    noc = forms.CharField(
        label=_("Occupation (NOC 2021)"), max_length=250,
        help_text=_("Type the 5-digit code or words of the title, for example 21231 or software engineer."),
        widget=forms.TextInput(attrs={"list": "noc-suggestions", "autocomplete": "off",
                                      "data-suggest": "noc"}),
    )
    province = forms.ChoiceField(label=_("Province or territory of destination"),
                                 choices=[("", _("Choose a province or territory"))] + list(choices.PROVINCE.items()))
    economic_region = forms.ChoiceField(
        label=_("Economic region where the work is performed"), required=False, choices=(),
        help_text=_("Job Bank's economic regions of the province or territory: the prevailing wage is the region's "
                    "where one is published. Job Bank has none for Prince Edward Island and the territories."))
    employer = forms.CharField(label=_("Employer"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200)
    offer_number = forms.CharField(label=_("Offer of employment number"), max_length=8,
                                   help_text=_("From the Employer Portal: A followed by 7 digits, for example A1234567."))
    compliance_fee_paid = yes_no(_("Employer compliance fee paid?"))
    employment_months = forms.IntegerField(label=_("Duration of the employment (months)"), min_value=1,
                                           max_value=120)

    def __init__(self, *args, questions_for=None, judgements_for=None, regions=(), known_code=None, **kwargs):
        """``questions_for(code)`` gives the position questions the rule set asks for an
        occupation in this case (none for most); ``judgements_for(code)`` the judgements its list
        entries leave to the officer, as (judgement, the clause it comes from). ``regions``: Job
        Bank's economic regions on file; ``known_code(code)``: whether the code is a NOC 2021 unit
        group on the date received."""
        super().__init__(*args, **kwargs)
        self.checking = False  # set when shown for "Check this occupation", nothing saved
        self.known_code = known_code
        self.regions = {r.code: r for r in regions}
        self._region_field(regions)
        text = self.data.get(self.add_prefix("noc")) if self.is_bound else self.initial.get("noc")
        code, _candidates = resolve_noc(text or "")
        self.noc_code = code
        # A code that is no unit group is refused (clean_noc): nothing is asked about it.
        self.unknown_code = bool(code and known_code and not known_code(code))
        asking = code and not self.unknown_code
        self.questions = tuple(questions_for(code)) if (questions_for and asking) else ()
        for question in self.questions:
            self.fields[f"position_{question.value}"] = yes_no(choices.POSITION_QUESTION_ASKED[question])
        self.judgements = tuple(judgements_for(code)) if (judgements_for and asking) else ()
        for judgement, clause in self.judgements:
            self.fields[f"judgement_{judgement.value}"] = yes_no(choices.JUDGEMENT[judgement], clause)

    def _region_field(self, regions):
        by_province: dict[str, list] = {}
        for region in regions:
            by_province.setdefault(region.province, []).append((region.code, region_name(region.name)))
        field = self.fields["economic_region"]
        field.choices = [("", _("None: the province or territory as a whole"))] + [
            (label, by_province[province]) for province, label in choices.PROVINCE.items() if province in by_province]
        field.widget = RegionSelect(choices=field.choices, provinces={r.code: r.province for r in regions},
                                    attrs={"data-regions-of": self.add_prefix("province")})
        if not self.is_bound and not self.initial.get("economic_region"):
            only = self._only_region(self.initial.get("province"))
            if only:
                self.initial["economic_region"] = only

    def _only_region(self, province) -> str | None:
        """The region of a province that Job Bank divides into exactly one, else None."""
        codes = [code for code, r in self.regions.items() if r.province == province]
        return codes[0] if len(codes) == 1 else None

    @classmethod
    def initial_from(cls, saved: dict) -> dict:
        initial = super().initial_from(saved)
        if saved:
            initial["noc"] = saved.get("noc_code", "")
            for question, answer in (saved.get("position") or {}).items():
                initial[f"position_{question}"] = as_yes_no(answer)
            for judgement, answer in (saved.get("judgements") or {}).items():
                initial[f"judgement_{judgement}"] = as_yes_no(answer)
        return initial

    def clean_noc(self):
        code, candidates = resolve_noc(self.cleaned_data["noc"])
        if code and self.known_code and not self.known_code(code):
            raise forms.ValidationError(
                _("%(code)s is not a NOC 2021 unit group. Enter the 5-digit code of a unit group, for example 21231, "
                  "or words of its title.") % {"code": code})
        if code:
            return code
        if candidates:
            listed = "; ".join(f"{g.code} {unit_group_title(g)}" for g in candidates)
            raise forms.ValidationError(
                _("Several occupations match: %(listed)s. Enter the 5-digit code of the one meant.") % {"listed": listed})
        raise forms.ValidationError(_("No NOC 2021 occupation matches. Enter a 5-digit code, for example 21231."))

    def clean_offer_number(self):
        value = self.cleaned_data["offer_number"].strip().upper()
        if not re.fullmatch(r"A[0-9]{7}", value):
            raise forms.ValidationError(_("Enter A followed by 7 digits, for example A1234567."))
        return value

    def clean(self):
        data = super().clean()
        province, code = data.get("province"), data.get("economic_region")
        if province and not code:
            # A province Job Bank divides into one region only: that region is the province.
            data["economic_region"] = self._only_region(province) or ""
        elif province and code and self.regions[code].province != province:
            region = self.regions[code]
            self.add_error("economic_region", _(
                "%(region)s is in %(in)s, not in %(province)s. Choose an economic region of the province or "
                "territory of destination, or none.") % {
                    "region": region_name(region.name), "in": choices.PROVINCE.get(region.province, region.province),
                    "province": choices.PROVINCE[province]})
        return data

    def answers(self) -> dict:
        data = {name: plain(v) for name, v in self.cleaned_data.items()
                if not name.startswith(("position_", "judgement_"))}
        data["noc_code"] = data.pop("noc")
        data["position"] = {q.value: self.cleaned_data[f"position_{q.value}"] for q in self.questions}
        data["judgements"] = {j.value: self.cleaned_data[f"judgement_{j.value}"] for j, _clause in self.judgements}
        return data
