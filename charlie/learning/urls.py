from django.urls import path

from charlie.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
]
