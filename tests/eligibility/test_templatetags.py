"""eligibility/templatetags/desk.py: the filters form's fields written in Python keep what was
entered, say what is wrong beside the field, and escape every text."""

from django import forms

from eligibility.templatetags.desk import filter_field, select_options


class Filters(forms.Form):
    q = forms.CharField(label="Name <b>", required=False, help_text="Any part of the name.")
    country = forms.ChoiceField(label="Country", required=False, choices=[("", "Any"), ("JP", "Japan <JP>"),
                                                                         ("MX", "Mexico")])
    noc = forms.RegexField(label="NOC", regex=r"^[0-9]{5}$", required=False,
                           error_messages={"invalid": "Enter 5 digits, not <this>."})
    since = forms.DateField(label="Since", required=False, widget=forms.DateInput(attrs={"type": "date"}))


def test_the_chosen_option_stays_selected_and_labels_are_escaped():
    html = select_options(Filters({"country": "JP"})["country"])
    assert '<option value="JP" selected>Japan &lt;JP&gt;</option>' in html
    assert '<option value="" selected>' not in html and '<option value="MX">' in html


def test_no_option_is_marked_selected_on_an_empty_form():
    assert " selected" not in select_options(Filters()["country"])


def test_a_field_in_error_keeps_the_typed_value_and_names_its_message():
    form = Filters({"noc": "12a<"})
    assert not form.is_valid()
    html = filter_field(form["noc"], "col-3")
    assert 'value="12a&lt;"' in html
    assert 'class="form-control is-invalid" aria-describedby="id_noc_error "' in html
    assert '<div class="invalid-feedback" id="id_noc_error">Enter 5 digits, not &lt;this&gt;.</div>' in html


def test_a_field_with_a_hint_is_described_by_it_and_its_label_is_escaped():
    html = filter_field(Filters({"q": "Sato"})["q"], "col-lg-6")
    assert html.startswith('<div class="col-lg-6"><label class="form-label" for="id_q">Name &lt;b&gt;</label>')
    assert 'aria-describedby=" id_q_hint"' in html and '<div class="form-text" id="id_q_hint">' in html
    assert 'value="Sato"' in html


def test_a_date_field_is_a_date_input_and_a_choice_a_select():
    form = Filters()
    assert '<input type="date" name="since" id="id_since" value=""' in filter_field(form["since"], "c")
    assert '<select name="country" id="id_country" class="form-select">' in filter_field(form["country"], "c")
