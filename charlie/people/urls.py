from django.urls import path

from charlie.people import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("me/", views.me, name="me"),
    path("organisation/", views.org_tree, name="org_tree"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path(
        "ansaettelse/<int:employment_id>/opsigelse/",
        views.employment_notice,
        name="employment_notice",
    ),
    path("<int:person_id>/ret/", views.person_edit, name="edit"),
]
