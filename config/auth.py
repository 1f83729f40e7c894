"""Permissions come from roles only: each role's permissions are listed in config/roles.py, and a
user holds a role by being in its group. Never a grant to one user, and never a permission a group
was given by hand in the admin: the code is the one definition (``sync_groups`` writes the same
lists into the groups after every migrate, for the admin's own display)."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from .roles import ROLES, Role

FLAG = "holds_role_{}"  # an annotation on a user loaded by RoleBackend.get_user


@functools.cache
def role_flags() -> dict:
    """One EXISTS per role, for the query that loads the signed-in user on every request. Written
    as SQL (table names from the models) rather than as Exists() of a queryset: the same subqueries,
    but the ORM took a millisecond a request to build and compile those three (measured in-process:
    1.5-2.0 ms for the user's query against 1.0), on every page."""
    user = get_user_model()
    memberships, groups = user.groups.through._meta.db_table, Group._meta.db_table
    sql = (f'EXISTS (SELECT 1 FROM "{memberships}" m INNER JOIN "{groups}" g ON g.id = m.group_id '
           f'WHERE m.user_id = "{user._meta.db_table}".id AND g.name = %s)')
    return {FLAG.format(role.code): RawSQL(sql, (role.group_name,), output_field=BooleanField()) for role in ROLES}


def roles_of(user) -> list[Role]:
    flags = [getattr(user, FLAG.format(role.code), None) for role in ROLES]
    if None in flags:  # a user loaded some other way (a shell, a test): one query for their groups
        names = set(user.groups.values_list("name", flat=True))
        return [role for role in ROLES if role.group_name in names]
    return [role for role, held in zip(ROLES, flags, strict=True) if held]


class RoleBackend(ModelBackend):
    """Django's ModelBackend (passwords, active users, superusers), with a user's permissions
    taken from their roles.

    Why not the group permissions in the database, as ModelBackend reads them: that cost every page
    two queries (the user's own permissions, always none here, and their groups' through four
    tables), on a search page that must stay ten times faster than the admin's. The signed-in
    user is loaded with a flag for each role they hold, in the one query that loads them anyway."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(**role_flags())
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_group_permissions(user_obj, obj)  # every permission, as ModelBackend
        if not hasattr(user_obj, "_role_perm_cache"):
            user_obj._role_perm_cache = {perm for role in roles_of(user_obj) for perm in role.permissions}
        return user_obj._role_perm_cache
