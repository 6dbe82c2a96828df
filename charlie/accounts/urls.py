from django.urls import path

from charlie.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.users, name="users"),
    path("new/", views.user_create, name="user_create"),
    path("<int:user_id>/", views.user, name="user"),
    path("<int:user_id>/role/", views.role_change, name="role_change"),
    path("<int:user_id>/active/", views.user_active, name="user_active"),
    path("<int:user_id>/password/", views.user_password, name="user_password"),
    path("<int:user_id>/person/", views.user_person, name="user_person"),
    path("<int:user_id>/units/", views.user_units, name="user_units"),
    path("requests/", views.role_requests, name="requests"),
    path("requests/<int:change_id>/", views.role_request_decide, name="request_decide"),
]
