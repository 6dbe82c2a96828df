"""The REST API at /api/v1/ (django-ninja). Each app adds its router in ``charlie/api.py``."""

from ninja import NinjaAPI

api = NinjaAPI(title="Charlie API", version="1", urls_namespace="api")
