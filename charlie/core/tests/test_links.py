import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from charlie.core.templatetags.links import id_url


@pytest.mark.parametrize("pk", [1, 42, 987654])
def test_id_url_is_the_url_tag_for_an_id(pk):
    assert id_url("people:detail", pk) == reverse("people:detail", args=[pk])
    html = Template("{% id_url 'absence:task' pk %}").render(Context({"pk": pk}))
    assert html == reverse("absence:task", args=[pk])


def test_id_url_follows_the_script_prefix():
    try:
        set_script_prefix("/charlie/")
        assert id_url("people:detail", 7) == "/charlie/people/7/"
    finally:
        set_script_prefix("/")


def test_id_url_refuses_a_pattern_without_an_id():
    with pytest.raises(NoReverseMatch):
        id_url("people:search", 1)
