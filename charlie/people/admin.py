"""Admin for the people core's configuration table. People and employments are not here on
purpose: they come from payroll imports and are seen through scoped, audited pages."""

from django.contrib import admin

from charlie.core.admin import AdministratorAdmin
from charlie.people.models import JobFamily


@admin.register(JobFamily)
class JobFamilyAdmin(AdministratorAdmin):
    list_display = ("name", "code", "sort_order")
    ordering = ("sort_order", "name")
