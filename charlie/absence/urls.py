from django.urls import URLPattern, path

from charlie.absence import (
    views_agreements,
    views_dashboard,
    views_person,
    views_self,
    views_tasks,
)

app_name = "absence"

urlpatterns: list[URLPattern] = []

# The employee's own absence: report sick / recovered, history, follow-up steps.
urlpatterns += [
    path("mit-fravaer/", views_self.my_absence, name="my_absence"),
    path("mit-fravaer/syg/", views_self.report_sick, name="report_sick"),
    path("mit-fravaer/rask/", views_self.report_well, name="report_well"),
]

# Managers' and HR's follow-up tasks, the calendar feed and the local policy (views_tasks).
urlpatterns += [
    path("opgaver/", views_tasks.tasks, name="tasks"),
    path("opgaver.ics", views_tasks.tasks_ics, name="tasks_ics"),
    path("opgaver/kalenderlink/", views_tasks.feed_rotate, name="feed_rotate"),
    path("opgaver/kalenderlink/stop/", views_tasks.feed_revoke, name="feed_revoke"),
    path("opgaver/paamindelser/", views_tasks.reminders, name="reminders"),
    path("opgaver/<int:task_id>/", views_tasks.task_detail, name="task"),
    path("opgaver/<int:task_id>/udfoert/", views_tasks.task_done, name="task_done"),
    path(
        "opgaver/<int:task_id>/ikke-relevant/",
        views_tasks.task_not_applicable,
        name="task_not_applicable",
    ),
    path("opgaver/<int:task_id>/notat/", views_tasks.task_note, name="task_note"),
    path("politik/", views_tasks.policy, name="policy"),
    # § 56 agreements and retention plans of one person (views_agreements).
    path("medarbejder/<int:person_id>/aftaler/", views_agreements.agreements, name="agreements"),
    # A manager or HR reports an employee sick or well (views_person; the person overview).
    path("medarbejder/<int:person_id>/syg/", views_person.report_sick, name="report_sick_for"),
    path("medarbejder/<int:person_id>/rask/", views_person.report_well, name="report_well_for"),
]

# Fraværsstatistik: the absence dashboard and its Excel export (views_dashboard).
urlpatterns += [
    path("statistik/", views_dashboard.dashboard, name="dashboard"),
    path("statistik.xlsx", views_dashboard.dashboard_xlsx, name="dashboard_xlsx"),
]
