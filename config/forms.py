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

Text limits. Django gives a text field's max_length to the browser as a maxlength attribute, and
the browser then cuts what is typed or pasted at the limit without a word: the officer's last
sentences are lost unseen. ``TextLimits`` drops the attribute, says the limit under every text
box ("Up to 2,000 characters."), and refuses longer text with a message, keeping it all on the
page to shorten (the GC Design System's and GOV.UK's character count do the same; the count as
one types is static/js/character-count.js, and nothing depends on it).

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
from django.utils import formats
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


TOO_LONG = _("Shorten this to %(limit)s characters or fewer: it has %(count)s.")


def _count(n: int) -> str:
    return formats.number_format(n, force_grouping=True)


class TextLimit(MaxLengthValidator):
    """Django's max_length check, with the limit and the count written as people read them."""

    def __call__(self, value):
        if isinstance(value, str) and len(value) > self.limit_value:
            raise ValidationError(TOO_LONG, code="too_long",
                                  params={"limit": _count(self.limit_value), "count": _count(len(value))})


class TextLimits:
    """A form mixin: text fields with a max_length are not cut by the browser (no maxlength
    attribute) but refused with TOO_LONG; text boxes say their limit in their hint and carry it
    for the character count (data-limit, and its wording in the page's language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or not field.max_length:
                continue
            field.widget.attrs.pop("maxlength", None)
            field.validators = [TextLimit(field.max_length) if isinstance(v, MaxLengthValidator) else v
                                for v in field.validators]
            if isinstance(field.widget, forms.Textarea):
                limit = _("Up to %(limit)s characters.") % {"limit": _count(field.max_length)}
                field.help_text = f"{field.help_text} {limit}" if field.help_text else limit
                field.widget.attrs.update({
                    "data-limit": str(field.max_length),
                    "data-left": _("%(count)s characters left"), "data-over": _("%(count)s characters too many")})


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
