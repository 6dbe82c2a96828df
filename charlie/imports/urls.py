from django.urls import path

from charlie.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:run_id>/", views.run_detail, name="run"),
    path("<int:run_id>/confirm/", views.confirm, name="confirm"),
]
