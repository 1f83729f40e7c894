"""Documents: the checklist of the instructions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from occupations import choices

from .base import StepForm


class DocumentsForm(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in choices.DOCUMENT.items():
            self.fields[str(code)] = forms.BooleanField(label=label, required=False)
        self.fields["job_description"].help_text = _("Including the position's duties.")
