"""The public pages of the applying part, at ``/job/`` (no log-in): the application form, the
applicant's own page by private link, and the talent pool's sign-up and profile."""

from django.urls import URLPattern, path

from charlie.recruitment import views_applying as views

urlpatterns: list[URLPattern] = [
    path("talentbank/", views.talent_signup, name="talent_signup"),
    path("talentbank/<str:token>/", views.talent_profile, name="talent_profile"),
    path("talentbank/<str:token>/bekraeft/", views.talent_confirm, name="talent_confirm"),
    path("talentbank/<str:token>/forny/", views.talent_renew, name="talent_renew"),
    path("talentbank/<str:token>/slet/", views.talent_withdraw, name="talent_withdraw"),
    path("ansoegning/<str:token>/", views.my_application, name="my_application"),
    path("ansoegning/<str:token>/traek-tilbage/", views.withdraw, name="withdraw"),
    path("ansoegning/<str:token>/slet/", views.delete, name="delete"),
    path("<slug:slug>/ansoeg/", views.apply, name="apply"),
]
