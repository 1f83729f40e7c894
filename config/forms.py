"""Form pieces every app shares: text the desk will not store, JSON a database can hold, and the
sign-in form.

Control characters. NUL cannot be stored at all (PostgreSQL's text and jsonb refuse it: a server
error, not a message), and the other C0/C1 control characters (escape sequences, backspace, bell)
come from no keyboard: a forged request or a bad paste. They are refused with a message on the
field, not stripped, so that nothing the officer sees differs from what is stored. Tab and line
ends are ordinary typing and stay.

JSON. Python's json reads what no database column holds: NaN and Infinity (PostgreSQL's jsonb
refuses them), "\\u0000", half a surrogate pair (the page showing it back cannot even be encoded)
and integers of thousands of digits (Python refuses to convert them: a ValueError, not a
JSONDecodeError, so Django's JSONField lets it through as a server error).

Sign-in. Django's AuthenticationForm gives the username field its model's max_length only as the
input's maxlength attribute, not as a validator, so a forged long username reaches authenticate();
a failed attempt is then stored by django-axes in a varchar(255), which PostgreSQL refuses.
"""

import json
import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

ALLOWED_CONTROLS = frozenset("\t\n\r")
CONTROL_MESSAGE = _("Remove the control characters (such as NUL) from this text: they cannot be stored.")


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in text)


def refuse_control_characters(value) -> None:
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


class RefuseControlCharacters:
    """A form mixin: every text field refuses control characters with CONTROL_MESSAGE (in place of
    Django's own NUL check, so a NUL gets one message, not two)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
                field.validators.append(refuse_control_characters)


def _no_constants(name):
    raise ValueError(name)


def _storable(value) -> bool:
    if isinstance(value, str):
        return "\x00" not in value and not any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(map(_storable, value))
    return True


class StrictJSONField(forms.JSONField):
    """Django's JSONField, refusing with its own "Enter a valid JSON." what a database cannot hold."""

    def to_python(self, value):
        if self.disabled or value in self.empty_values or isinstance(value, (list, dict, int, float)):
            return super().to_python(value)
        try:
            parsed = json.loads(value, cls=self.decoder, parse_constant=_no_constants)
        except (ValueError, RecursionError):  # JSONDecodeError is a ValueError; deep nesting a RecursionError
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value}) from None
        if not _storable(parsed):
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})
        return super().to_python(value)

    def bound_data(self, data, initial):
        """What the refused form shows again: the text as typed, not the parsed value (which may be
        half a surrogate pair, which no page can encode)."""
        if self.disabled or not isinstance(data, str):
            return super().bound_data(data, initial)
        try:
            parsed = json.loads(data, cls=self.decoder, parse_constant=_no_constants)
        except (ValueError, RecursionError):
            return forms.fields.InvalidJSONInput(data)
        return parsed if _storable(parsed) else forms.fields.InvalidJSONInput(data)


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(MaxLengthValidator(self.username_field.max_length or 150))
