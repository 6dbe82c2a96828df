"""The signed-in pages of the applying part, at ``/rekruttering/``: an applicant's file (HR and
the round's committee), the talent pool and the invitations to it (HR)."""

from django.urls import URLPattern, path

from charlie.recruitment import views_applying as views

urlpatterns: list[URLPattern] = [
    path("filer/<uuid:key>/", views.application_file, name="application_file"),
    path("talentbank/", views.talent_pool, name="talent_pool"),
    path("talentbank/inviter/", views.talent_invitable, name="talent_invitable"),
    path("talentbank/inviter/<int:application_id>/", views.talent_invite, name="talent_invite"),
]
