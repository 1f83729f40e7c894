"""The golden scenario admin's forms, and the JSONL import's preview and apply steps."""

import json
from dataclasses import dataclass, field

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.forms import StrictJSONField

from .golden import ROW_PATH, RowError, row_fields, scenario_row
from .models import CRITERION_CHOICES, GoldenScenario

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # thousands of scenarios; anything bigger is a mistake
_SIGNING_SALT = "rulesadmin.golden-import"


class CaseJSONField(StrictJSONField):
    """Pretty-printed JSON in a textarea; a decoding error says where (line and column). What no
    database holds (NaN, "\\u0000", a 10,000-digit number) is refused too (StrictJSONField)."""

    widget = forms.Textarea(attrs={"rows": 32, "cols": 90, "class": "vLargeTextField", "spellcheck": "false"})

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                json.loads(value)
            except json.JSONDecodeError as error:
                raise ValidationError(
                    _("This is not valid JSON: %(problem)s at line %(line)s, column %(column)s."),
                    code="invalid", params={"problem": error.msg, "line": error.lineno, "column": error.colno},
                ) from None
            except (ValueError, RecursionError):
                pass  # valid JSON no database holds: refused by StrictJSONField below
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):  # redisplay what was typed, as typed
            return value
        return json.dumps(value, indent=2, ensure_ascii=False)


def _criteria_field(label):
    return forms.MultipleChoiceField(label=label, choices=CRITERION_CHOICES, required=False,
                                     widget=forms.CheckboxSelectMultiple)


class GoldenScenarioForm(forms.ModelForm):
    case = CaseJSONField(label=_("Case"), help_text=GoldenScenario._meta.get_field("case").help_text)
    # Checkboxes rather than typed JSON: only known criterion codes can be chosen.
    expected_not_met = _criteria_field(_("Criteria expected not met"))
    expected_undetermined = _criteria_field(_("Criteria expected undetermined"))

    class Meta:
        model = GoldenScenario
        fields = ["code", "title", "source", "active", "case", "expected_outcome", "expected_not_met",
                  "expected_undetermined", "expected_work_permit_max_months", "expected_spouse_open_work_permit",
                  "notes"]


# JSONL import ---------------------------------------------------------------------------------
class ImportForm(forms.Form):
    file = forms.FileField(label=_("JSONL file"), required=False, help_text=_(
        "One scenario per line: code, title, source, notes, active, case and expected "
        "(outcome, not_met, undetermined, work_permit_max_months, spouse_open_work_permit)."))
    # The previewed content, signed so that confirming imports exactly what was previewed.
    content = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is too large (at most 5 MB)."), code="too_large")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from None

    def clean_content(self):
        signed = self.cleaned_data.get("content")
        if not signed:
            return None
        try:
            return signing.Signer(salt=_SIGNING_SALT).unsign_object(signed)
        except signing.BadSignature:
            raise ValidationError(_("The previewed file was changed; upload it again."), code="tampered") from None

    def clean(self):
        data = super().clean()
        if not self.errors and data.get("file") is None and data.get("content") is None:
            raise ValidationError({"file": _("Choose a JSONL file to import.")})
        return data

    def text(self) -> str:
        return self.cleaned_data["file"] if self.cleaned_data.get("file") is not None else self.cleaned_data["content"]


def sign_content(text: str) -> str:
    return signing.Signer(salt=_SIGNING_SALT).sign_object(text, compress=True)


@dataclass(frozen=True)
class RowProblem:
    line: int
    field: str
    message: str


@dataclass
class ImportPreview:
    creates: list = field(default_factory=list)  # (line, scenario), unsaved
    updates: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # RowProblem

    @property
    def importable(self) -> bool:
        return not self.errors and bool(self.creates or self.updates)


def preview_import(text: str) -> ImportPreview:
    """Read and validate every line; save nothing. Existing scenarios are matched by code."""
    preview = ImportPreview()
    existing = {s.code: s for s in GoldenScenario.objects.all()}
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            values = row_fields(json.loads(line))
        except json.JSONDecodeError as error:
            preview.errors.append(RowProblem(number, "", gettext("Not valid JSON: %(problem)s at column %(column)s.")
                                             % {"problem": error.msg, "column": error.colno}))
            continue
        except RowError as error:
            preview.errors.append(RowProblem(number, error.field, error.message))
            continue
        code = values["code"]
        if isinstance(code, str) and code in seen:
            preview.errors.append(RowProblem(number, "code", gettext("Code %(code)s is also on line %(line)s.")
                                             % {"code": code, "line": seen[code]}))
            continue
        if isinstance(code, str):
            seen[code] = number
        scenario = existing.get(code) if isinstance(code, str) else None
        before = scenario_row(scenario) if scenario else None
        scenario = scenario or GoldenScenario()
        for name, value in values.items():
            setattr(scenario, name, value)
        try:
            scenario.full_clean()
        except ValidationError as error:
            preview.errors.extend(_problems(number, error))
            continue
        if before is None:
            preview.creates.append((number, scenario))
        elif before != scenario_row(scenario):
            preview.updates.append((number, scenario))
        else:
            preview.unchanged.append((number, scenario))
    return preview


def _problems(number: int, error: ValidationError):
    for name, errors in error.error_dict.items():
        for one in errors:
            path = ROW_PATH.get(name, name)
            if one.code == "invalid_case":
                path = f"case.{one.params['field']}"
            yield RowProblem(number, path, " ".join(one.messages))


@transaction.atomic
def apply_import(preview: ImportPreview) -> tuple[int, int]:
    for _number, scenario in preview.creates + preview.updates:
        scenario.save()
    return len(preview.creates), len(preview.updates)
