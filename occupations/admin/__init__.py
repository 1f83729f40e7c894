"""The rule data's admin: the rule tables (``rows``) and the NOC structure (``noc``). The change
sets' pages are in ``rulesadmin.changeset_admin`` (they show the impact preview, which needs the
assessment)."""

from . import noc, rows  # noqa: F401  registers the model admins
