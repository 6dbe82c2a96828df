"""core.forms: DKFDS classes from the widget's kind, form groups, and service errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms

from charlie.core.errors import ValidationFailed
from charlie.core.forms import (
    DanishDecimalField,
    DateInput,
    add_service_errors,
    with_width,
)


class ExampleForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Hele navnet")
    hours = forms.IntegerField(label="Timer", widget=with_width(forms.NumberInput(), "xs"))
    kind = forms.ChoiceField(label="Slags", choices=[("a", "A")])
    day = forms.DateField(label="Dag", widget=DateInput(), required=False)
    agree = forms.BooleanField(label="Enig", required=False)
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}))
    pick = forms.ChoiceField(label="Vælg", choices=[("x", "X")], widget=forms.RadioSelect)
    amount = DanishDecimalField(label="Beløb", max_digits=8, decimal_places=2, required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def test_every_widget_gets_its_dkfds_class() -> None:
    form = ExampleForm()
    assert 'class="form-input"' in str(form["name"])
    assert 'class="form-input input-width-xs"' in str(form["hours"])
    assert 'class="form-select"' in str(form["kind"])
    assert 'class="form-input"' in str(form["note"]) and 'rows="2"' in str(form["note"])
    assert 'class="form-checkbox"' in str(form["agree"])
    assert 'class="form-radio"' in str(form["pick"])
    assert "class=" not in str(form["secret"])
    day = str(form["day"])
    assert 'type="date"' in day and 'class="form-input"' in day


def test_a_field_group_has_label_hint_error_and_the_ids_aria_names() -> None:
    form = ExampleForm(data={"hours": "x"})
    html = form["name"].as_field_group()
    assert '<label class="form-label" for="id_name">' in html
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html and "form-error" in html
    checkbox = form["agree"].as_field_group()
    assert "form-group-checkbox" in checkbox and 'type="checkbox"' in checkbox


def test_radio_buttons_and_check_boxes_are_a_fieldset_with_the_class_on_each_input() -> None:
    """Django's own widget puts the DKFDS input class on the container as well, and DKFDS
    hides ``.form-checkbox`` (it draws the box on the label): the whole group was invisible."""

    class Choices(forms.Form):
        many = forms.MultipleChoiceField(
            label="Flere", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )
        one = forms.ChoiceField(label="Én", choices=[("x", "X")], widget=forms.RadioSelect)

    form = Choices(data={"many": ["b"]})
    many = form["many"].as_field_group()
    assert "<fieldset" in many and '<legend class="form-label">Flere' in many
    assert many.count('class="form-checkbox"') == 2
    assert (
        '<input type="checkbox" class="form-checkbox" name="many" id="id_many_1" value="b" checked>'
        in many
    )
    assert '<label class="form-label" for="id_many_0">A</label>' in many
    one = form["one"].as_field_group()
    assert one.count('class="form-radio"') == 1 and 'class="form-group-radio"' in one
    assert 'id="id_one_error"' in one and "form-error" in one


def test_danish_decimal_field_reads_and_writes_danish_numbers() -> None:
    form = ExampleForm(initial={"amount": Decimal("1234.5")})
    assert 'value="1.234,5"' in str(form["amount"])
    assert 'inputmode="decimal"' in str(form["amount"])
    bound = ExampleForm(
        data={"name": "a", "hours": "1", "kind": "a", "note": "n", "pick": "x", "amount": "12.5"}
    )
    assert not bound.is_valid()
    assert "1.234,5" in bound.errors["amount"][0]


def test_service_errors_go_beside_a_field_or_at_the_top() -> None:
    form = ExampleForm(data={})
    form.is_valid()
    add_service_errors(form, ValidationFailed(["Én", "To"]))
    add_service_errors(form, ValidationFailed(["Tre"]), "name")
    assert form.non_field_errors() == ["Én", "To"]
    assert "Tre" in form.errors["name"]


def test_unknown_width_is_refused() -> None:
    with pytest.raises(ValueError):
        with_width(forms.TextInput(), "huge")


def test_quick_select_writes_what_djangos_select_writes():
    from django import forms as dj_forms

    from charlie.core.forms import QuickSelect

    class F(dj_forms.Form):
        kind = dj_forms.ChoiceField(
            label="Type",
            required=False,
            choices=[("", "Alle"), ("a", "A & B"), ("b", "<b>")],
            widget=QuickSelect,
        )

    html = str(F({"kind": "a"})["kind"])
    assert html.startswith('<select name="kind"') and 'id="id_kind"' in html
    assert 'class="form-select"' in html
    assert '<option value="">Alle</option>' in html
    assert '<option value="a" selected>A &amp; B</option>' in html
    assert '<option value="b">&lt;b&gt;</option>' in html
    empty = str(F({})["kind"])  # nothing chosen: the empty choice, as Django's Select
    assert '<option value="" selected>Alle</option>' in empty and empty.count("selected") == 1


def _squeezed(html):
    import re

    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("data", [{}, {"name": "<b>x</b>", "count": "-1", "kind": "b"}])
def test_a_field_group_in_python_is_the_field_template(data):
    """``BoundField.as_field_group`` writes what ``core/_field.html`` renders: label, the
    required mark, hint, errors (escaped) and input, for every kind of field."""
    from django import forms as dj_forms
    from django.template.loader import render_to_string

    from charlie.core.forms import QuickSelect

    class F(dj_forms.Form):
        name = dj_forms.CharField(label="Navn & co", help_text="Fx <Jens>", max_length=3)
        count = dj_forms.IntegerField(label="Antal", required=False, min_value=0)
        kind = dj_forms.ChoiceField(
            label="Type", required=False, choices=[("a", "A"), ("b", "B")], widget=QuickSelect
        )
        day = dj_forms.DateField(label="Dag", required=False, widget=dj_forms.DateInput)

    form = F(data or None)
    form.is_valid()
    for name in form.fields:
        field = form[name]
        reference = render_to_string("core/_field.html", {"field": field})
        assert _squeezed(field.as_field_group()) == _squeezed(reference), name
