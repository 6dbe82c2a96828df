"""The statistics table's number cells (``{% figure_cell %}``), in Danish."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation


def cell(**context):
    source = (
        "{% load figure_cells %}"
        "{% figure_cell value digits percent=percent signed=signed hidden=hidden "
        "none_label=none_label %}"
    )
    defaults = {"digits": 1, "percent": False, "signed": False, "hidden": False, "none_label": None}
    with translation.override("da"):
        return Template(source).render(Context({**defaults, **context}))


@pytest.mark.parametrize(
    ("context", "html"),
    [
        ({"value": Decimal("1234.56"), "digits": 1}, '<td class="charlie-numeric">1.234,6</td>'),
        ({"value": 5.25, "digits": 2, "percent": True}, '<td class="charlie-numeric">5,25 %</td>'),
        ({"value": 0.4, "signed": True}, '<td class="charlie-numeric">+0,4</td>'),
        ({"value": -0.4, "signed": True}, '<td class="charlie-numeric">-0,4</td>'),
        ({"value": 0, "digits": 0, "signed": True}, '<td class="charlie-numeric">0</td>'),
    ],
)
def test_a_number_is_written_the_danish_way(context, html):
    assert cell(**context).replace("−", "-") == html


def test_a_missing_figure_says_why_to_screen_readers():
    dash = '<td class="charlie-numeric"><span aria-hidden="true">–</span>'
    assert cell(value=None) == dash + '<span class="sr-only">intet tal</span></td>'
    assert cell(value=None, none_label="intet KRL-tal").endswith(">intet KRL-tal</span></td>")
    # Hidden by disclosure control: that reason first, whatever the label.
    hidden = cell(value=None, hidden=True, none_label="intet KRL-tal")
    assert hidden.endswith('<span class="sr-only">skjult</span></td>')
