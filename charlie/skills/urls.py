from django.urls import path

from charlie.skills import views

app_name = "skills"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("person/<int:person_id>/", views.person, name="person"),
]
