"""Supervision's pages, under /<lang>/supervision/. Each area's module lists its own routes."""

from django.urls import path

from .views import record, reports, review
from .views import search as search_views

app_name = "supervision"

urlpatterns = [
    path("", review.queue, name="queue"),
    path("decisions/<int:pk>/review/", review.review_decision, name="review"),
    path("sampling/", review.sampling, name="sampling"),
    path("access-log/", review.access_log, name="access-log"),
    path("decisions/", search_views.decision_search, name="search"),
    path("decisions/export.csv", search_views.export_csv, name="export"),
    path("decisions/<int:pk>/record/", record.record, name="record"),
    path("decisions/<int:pk>/record.pdf", record.record_pdf, name="record-pdf"),
    path("decisions/<int:pk>/replay/", record.replay_decision, name="replay"),
    path("reports/", reports.page, name="reports"),
    path("reports/<slug:name>.csv", reports.figure_csv, name="report-csv"),
    path("reports/<slug:name>.svg", reports.figure_svg, name="report-svg"),
]
