"""Documents: the checklist of the instructions, and for an extension the officer's finding on
the need to extend."""

from django import forms
from django.utils.translation import gettext_lazy as _

from occupations import choices

from .base import StepForm, yes_no


class DocumentsForm(StepForm):
    yes_no_fields = ("extension_need_shown",)

    def __init__(self, *args, extension=False, **kwargs):
        """``extension``: the case step says the application extends a CPTPP work permit."""
        super().__init__(*args, **kwargs)
        for code, label in choices.DOCUMENT.items():
            self.fields[str(code)] = forms.BooleanField(label=label, required=False)
        self.fields["job_description"].help_text = _("Including the position's duties.")
        if extension:
            self.fields["extension_need_shown"] = yes_no(
                _("Do the documents satisfy you of the need to extend the stay?"),
                _("Length of stay: possible extensions at the officer's discretion, if the applicant provides "
                  "documentation that satisfies the officer of their need to have their stay extended."))
