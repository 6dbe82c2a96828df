from django.urls import path

from charlie.core import views, views_tokens

app_name = "core"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    # Personal API tokens.
    path("tokens/", views_tokens.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views_tokens.token_revoke, name="token_revoke"),
]
