"""Signals other parts of the project may listen to."""

from django.dispatch import Signal

# Sent inside the recording transaction with ``decision``: a just-recorded Decision.
decision_recorded = Signal()
# Sent when someone opens a decision's page, with ``decision`` and ``user`` (the access log).
decision_viewed = Signal()
