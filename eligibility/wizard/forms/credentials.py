"""Credentials: education, the employer's letter where the country's rule asks for it, the NOC's
own employment requirements, the judgements the engine leaves to the officer on this education,
regulation in the province (from the regulation table unless the officer finds otherwise), licence."""

from django import forms
from django.utils.html import escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from occupations import choices

from .base import StepForm, as_yes_no, country_choices, yes_no

JUDGEMENT = "judgement_"  # the prefix of a judgement question's field
NOC_PROFILE = "https://noc.esdc.gc.ca/Structure/NOCProfile?GocTemplateCulture={culture}&code={code}&version=2021.0"
NOC_HOME = "https://noc.esdc.gc.ca/?GoCTemplateCulture={culture}"
# The education itself: without it, the engine cannot say which judgements it raises.
EDUCATION = ("credential", "years", "education_country")


def noc_description_url(code: str | None) -> str:
    """ESDC's page of a NOC 2021 unit group (its employment requirements), in the page's language;
    the NOC site's home page when no occupation is entered yet."""
    culture = "fr-CA" if (get_language() or "").startswith("fr") else "en-CA"
    return NOC_PROFILE.format(culture=culture, code=code) if code else NOC_HOME.format(culture=culture)


class CredentialsForm(StepForm):
    yes_no_fields = ("related_field", "employer_letter", "licence_required", "licensed", "noc_requirements_met")

    credential = forms.ChoiceField(label=_("Highest credential"),
                                   choices=[("", _("Choose a credential"))] + list(choices.CREDENTIAL.items()))
    years = forms.DecimalField(label=_("Years of post-secondary study"), min_value=0, max_value=15, decimal_places=1,
                               help_text=_("Full-time years, for example 4 or 3.5."))
    education_country = forms.ChoiceField(label=_("Country where the credential was obtained"), choices=())
    related_field = yes_no(_("Is the field of study related to the occupation?"))
    noc_requirements_met = yes_no(_("Does the applicant meet the employment requirements the NOC sets for this unit "
                                    "group?"))
    regulated = forms.ChoiceField(label=_("Is the occupation regulated in the province or territory?"),
                                  widget=forms.RadioSelect, choices=())
    regulated_reason = forms.CharField(label=_("Reason or source for your finding on regulation"), required=False,
                                       max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    licence_required = yes_no(_("Does the offer require a licence or certification?"))
    licensed = yes_no(_("Does the applicant hold the licence or certification?"),
                      _("From the applicable Canadian or foreign regulatory body."))

    def __init__(self, *args, parties=(), letter_asked=False, letter_for_all=False, table_says=None, noc_code=None,
                 judged=None, asked=None, **kwargs):
        """``letter_asked``: the country's rule asks for the employer's letter, of everyone in the
        category (``letter_for_all``) or on its equivalence route. ``table_says``: the regulation
        table's entry for the occupation and province (or None). ``noc_code``: the occupation
        entered. ``judged(answers)``: the judgements the engine raises on the education criterion
        for these answers of the step (some perhaps not given yet), as {code: where the
        instructions leave it to the officer};
        ``asked``: the same for the answers saved, asked before anything is posted."""
        super().__init__(*args, **kwargs)
        self.fields["education_country"].choices = country_choices(first=parties)
        if letter_asked:
            self.fields["employer_letter"] = yes_no(
                _("Is there a letter from the Canadian employer or client accepting the qualification?"),
                _("The country's rule asks every applicant in this category for this letter.") if letter_for_all
                else _("The country's rule accepts some shorter degrees with such a letter."))
            names = [n for n in self.fields if n != "employer_letter"]
            after = names.index("related_field") + 1
            self.order_fields(names[:after] + ["employer_letter"] + names[after:])
        self.fields["noc_requirements_met"].help_text = format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
            _("The NOC's description of the unit group lists them."), noc_description_url(noc_code),
            _("The unit group on the NOC site (opens in a new tab)") if noc_code
            else _("The NOC site (opens in a new tab)"))
        self.table_says = table_says
        if table_says is None:
            table = _("Not in the regulation table: the officer finds it")
        elif table_says.regulated:
            table = _("As the regulation table says: regulated")
        else:
            table = _("As the regulation table says: not regulated")
        self.fields["regulated"].choices = [("table", table), ("yes", _("Regulated (officer's finding)")),
                                            ("no", _("Not regulated (officer's finding)"))]
        self.fields["regulated"].initial = "table"
        self.judged = judged
        self.judgements: dict[str, str] = {}  # the judgements asked, as clean() found them
        shown = dict(asked or {}) if not self.is_bound else {}
        if self.is_bound:  # questions shown when posted stay, with what was answered
            shown.update({name.removeprefix(JUDGEMENT): "" for name in self.data
                          if name.startswith(JUDGEMENT) and name.removeprefix(JUDGEMENT) in choices.JUDGEMENT})
        for code, where in shown.items():
            self._ask(code, where)

    def _ask(self, code: str, where: str):
        name = JUDGEMENT + code
        # Help texts are shown as HTML (the NOC link): the citation, from rule data, is escaped.
        help_text = escape(_("The instructions leave this to your judgement: %(source)s.") % {"source": where}
                           ) if where else ""
        if name in self.fields:
            self.fields[name].help_text = help_text
            return
        self.fields[name] = yes_no(choices.JUDGEMENT[code], help_text, required=False)
        # Education questions together: the judgements right after the credential's own.
        names = list(self.fields)
        before = names.index("related_field") + 1
        judged = [n for n in names if n.startswith(JUDGEMENT)]
        rest = [n for n in names if not n.startswith(JUDGEMENT)]
        self.order_fields(rest[:before] + judged + rest[before:])

    @classmethod
    def initial_from(cls, saved: dict) -> dict:
        initial = super().initial_from(saved)
        for code, answer in ((saved or {}).get("judgements") or {}).items():
            initial[JUDGEMENT + code] = as_yes_no(answer)
        return initial

    def clean(self):
        data = super().clean()
        chosen = data.get("regulated")
        table = None if self.table_says is None else ("yes" if self.table_says.regulated else "no")
        if chosen in ("yes", "no") and chosen != table and not (data.get("regulated_reason") or "").strip():
            if table is None:
                self.add_error("regulated_reason", _("Say what your finding rests on, for example the regulator's website."))
            else:
                self.add_error("regulated_reason", _("Give the reason for departing from the regulation table."))
        self._judgements(data)
        return data

    def _judgements(self, data: dict):
        """Ask the judgements the engine raises for the education posted: a question not shown or
        not answered yet comes back with an error, everything typed kept. One no longer raised
        (the credential changed) is not saved."""
        if self.judged is None or any(data.get(name) is None for name in EDUCATION):
            return
        self.judgements = self.judged(self._answers(data))
        for code, where in self.judgements.items():
            self._ask(code, where)
            if data.get(JUDGEMENT + code) is None:
                self.add_error(JUDGEMENT + code, _("The instructions leave this to your judgement: answer yes or no."))

    def _answers(self, data: dict) -> dict:
        answers = {name: value for name, value in data.items() if not name.startswith(JUDGEMENT)}
        answers["judgements"] = {name.removeprefix(JUDGEMENT): value for name, value in data.items()
                                 if name.startswith(JUDGEMENT) and value is not None}
        return answers

    def answers(self) -> dict:
        saved = super().answers()
        kept = {name: value for name, value in saved.items() if not name.startswith(JUDGEMENT)}
        kept["judgements"] = {code: saved[JUDGEMENT + code] for code in self.judgements}
        return kept
