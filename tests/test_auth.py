"""config/auth.py: a user's permissions are their roles', as config/roles.py lists them; the
signed-in user comes with their roles in one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from config.auth import RoleBackend
from config.roles import RULES_ADMIN, SUPERVISOR

pytestmark = pytest.mark.django_db


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)  # no permission cache


def test_officer_has_the_officer_roles_permissions(officer):
    assert officer.has_perm("eligibility.add_decision")
    assert not officer.has_perm("supervision.view_reviewitem")


def test_a_supervisor_who_is_also_a_rules_admin_has_both_roles_permissions(supervisor):
    supervisor.groups.add(Group.objects.get(name=RULES_ADMIN.group_name))
    user = RoleBackend().get_user(supervisor.pk)
    assert user.get_all_permissions() == set(SUPERVISOR.permissions) | set(RULES_ADMIN.permissions)


def test_a_permission_granted_to_one_user_gives_nothing(officer):
    officer.user_permissions.add(Permission.objects.get(codename="view_reviewitem"))
    assert not fresh(officer).has_perm("supervision.view_reviewitem")


def test_a_permission_added_to_a_roles_group_by_hand_gives_nothing(officer):
    Group.objects.get(name="Officer").permissions.add(Permission.objects.get(codename="view_reviewitem"))
    assert not fresh(officer).has_perm("supervision.view_reviewitem")
    assert fresh(officer).has_perm("eligibility.add_decision")


def test_the_signed_in_user_is_loaded_with_their_roles_in_one_query(supervisor, django_assert_num_queries):
    with django_assert_num_queries(1):
        user = RoleBackend().get_user(supervisor.pk)
        assert user.has_perms(["eligibility.view_decision", "supervision.view_reviewitem"])
        assert not user.has_perm("eligibility.add_decision")


def test_a_user_loaded_another_way_costs_one_query_for_their_roles(supervisor, django_assert_num_queries):
    user = fresh(supervisor)
    with django_assert_num_queries(1):
        assert user.has_perm("supervision.add_review")
        assert user.has_perm("eligibility.view_decision")


def test_inactive_users_and_strangers_are_not_loaded(officer):
    officer.is_active = False
    officer.save()
    assert RoleBackend().get_user(officer.pk) is None
    assert RoleBackend().get_user(10**9) is None


def test_a_superuser_has_every_permission():
    root = get_user_model().objects.create_superuser("root", password="unused-in-tests-1")
    assert RoleBackend().get_user(root.pk).get_all_permissions() >= {"occupations.change_regulation",
                                                                    "supervision.add_review"}


def test_user_admin_offers_roles_and_no_per_user_permissions(officer):
    superuser = get_user_model().objects.create_superuser("root", password="unused-in-tests-1")
    client = Client()
    client.force_login(superuser)
    page = client.get(f"/en/admin/auth/user/{officer.pk}/change/")
    assert page.status_code == 200
    assert 'name="groups"' in page.content.decode()
    assert 'name="user_permissions"' not in page.content.decode()
