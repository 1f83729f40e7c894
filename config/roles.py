"""The roles, defined once: each is a group with these permissions, never per-user grants.

``sync_groups`` makes the groups match this file; it runs after every ``migrate``.
"""

from dataclasses import dataclass

OCCUPATION_MODELS = ("country", "unitgroup", "noc2016link", "categoryrule", "listing", "regulation", "wagerate",
                     "changeset")


@dataclass(frozen=True)
class Role:
    code: str
    group_name: str
    permissions: tuple[str, ...]  # "app_label.codename"
    staff: bool = False  # may sign in to the admin


OFFICER = Role("officer", "Officer", (
    "eligibility.add_assessment", "eligibility.change_assessment", "eligibility.view_assessment",
    "eligibility.add_decision", "eligibility.view_decision",
))
SUPERVISOR = Role("supervisor", "Supervisor", (
    "eligibility.view_decision", "supervision.view_reviewitem", "supervision.add_review",
    "supervision.view_review", "supervision.view_accessevent", "supervision.add_samplingpolicy",
    "supervision.view_samplingpolicy", "security.view_securityevent",
))
RULES_ADMIN = Role(
    "rules_admin",
    "Rules admin",
    tuple(f"occupations.{action}_{model}" for model in OCCUPATION_MODELS for action in ("view", "add", "change", "delete"))
    + tuple(f"rulesadmin.{action}_goldenscenario" for action in ("view", "add", "change", "delete")),
    staff=True,
)
ROLES = (OFFICER, SUPERVISOR, RULES_ADMIN)


def sync_groups() -> None:
    from django.contrib.auth.models import Group, Permission

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.group_name)
        perms = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".")
            perms.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(perms)
