"""Supervisors' pages, one module per area: review (queue, review, sampling, access log), search,
reports, record (print view, PDF, replay)."""
