"""Recorded decisions in the admin: read-only, for superusers.

No role grants the admin's view of decisions (supervisors are not staff; rules admins have no
decision permission), so only a superuser reaches it. It is the stock changelist on purpose: the decision search bench
(bench/decision_search.py) measures the supervisors' search against it. Its filters are fields
with choices: a field without (country, category) would have the admin read every distinct value
of the table on each page, several times slower, which would flatter the comparison.
"""

from django.contrib import admin

from eligibility.models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("application_number", "applicant_name", "country", "category", "noc_code", "outcome", "decision",
                    "departs", "officer", "created_at")
    list_filter = ("outcome", "decision", "departs", "source")
    list_select_related = ("officer",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
