"""The user admin without per-user permissions: a user's permissions are their roles' (config/auth.py)."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

User = get_user_model()


class UserAdmin(auth_admin.UserAdmin):
    fieldsets = tuple(
        (name, {**options, "fields": tuple(f for f in options["fields"] if f != "user_permissions")})
        for name, options in auth_admin.UserAdmin.fieldsets)
    filter_horizontal = ("groups",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs.setdefault("help_text", _("The user's roles. Permissions come from roles only, never from "
                                             "grants to one user."))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
