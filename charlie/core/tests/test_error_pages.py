import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csrf_failure_page_is_danish_and_explains_what_to_do(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["hr"])
    response = client.post(reverse("core:logout"))
    assert response.status_code == 403
    assert "Formularen er udløbet" in response.text and "Intet blev gemt" in response.text
