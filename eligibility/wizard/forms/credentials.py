"""Credentials: education, the employer's letter where the country's rule asks for it,
regulation in the province (from the regulation table unless the officer finds otherwise), licence."""

from django import forms
from django.utils.translation import gettext_lazy as _

from occupations import choices

from .base import StepForm, country_choices, yes_no


class CredentialsForm(StepForm):
    yes_no_fields = ("related_field", "employer_letter", "licence_required", "licensed")

    credential = forms.ChoiceField(label=_("Highest credential"),
                                   choices=[("", _("Choose a credential"))] + list(choices.CREDENTIAL.items()))
    years = forms.DecimalField(label=_("Years of post-secondary study"), min_value=0, max_value=15, decimal_places=1,
                               help_text=_("Full-time years, for example 4 or 3.5."))
    education_country = forms.ChoiceField(label=_("Country where the credential was obtained"), choices=())
    related_field = yes_no(_("Is the field of study related to the occupation?"))
    regulated = forms.ChoiceField(label=_("Is the occupation regulated in the province or territory?"),
                                  widget=forms.RadioSelect, choices=())
    regulated_reason = forms.CharField(label=_("Reason or source for your finding on regulation"), required=False,
                                       max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    licence_required = yes_no(_("Does the offer require a licence or certification?"))
    licensed = yes_no(_("Does the applicant hold the licence or certification?"),
                      _("From the applicable Canadian or foreign regulatory body."))

    def __init__(self, *args, parties=(), letter_asked=False, table_says=None, **kwargs):
        """``letter_asked``: the country's rule has the employer-letter route. ``table_says``: the
        regulation table's entry for the occupation and province (or None)."""
        super().__init__(*args, **kwargs)
        self.fields["education_country"].choices = country_choices(first=parties)
        if letter_asked:
            self.fields["employer_letter"] = yes_no(
                _("Is there a letter from the Canadian employer or client accepting the qualification?"),
                _("The country's rule accepts some shorter degrees with such a letter."))
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

    def clean(self):
        data = super().clean()
        chosen = data.get("regulated")
        table = None if self.table_says is None else ("yes" if self.table_says.regulated else "no")
        if chosen in ("yes", "no") and chosen != table and not (data.get("regulated_reason") or "").strip():
            if table is None:
                self.add_error("regulated_reason", _("Say what your finding rests on, for example the regulator's website."))
            else:
                self.add_error("regulated_reason", _("Give the reason for departing from the regulation table."))
        return data
