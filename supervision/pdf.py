"""The complete record as a tagged PDF (WeasyPrint): the desk's stylesheet read from disk, and
nothing fetched from anywhere else."""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders

PDF_CSS = """
@page { size: letter; margin: 18mm 16mm 20mm;
        @bottom-left { content: string(record-title); font-size: 8pt; color: #444; }
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #000; }
h1 { font-size: 16pt; margin: 0 0 4mm; string-set: record-title content(); }
h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #26374a; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
th, td { border: 1px solid #999; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
thead th { background: #eef1f4; }
tr { break-inside: avoid; }
dl.record { display: grid; grid-template-columns: 32% 68%; margin: 0 0 3mm; }
dt { font-weight: bold; padding: 0.8mm 2mm 0.8mm 0; } dd { margin: 0; padding: 0.8mm 0; }
th.fw-normal { font-weight: normal; } table.facts tr > :first-child { width: 55%; } td ul { margin: 0; padding-left: 4mm; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
.d-print-none, nav, form { display: none; }
.visually-hidden { display: none; }  /* table captions: each table follows its own heading */
.text-muted, .small { color: #444; font-size: 8.5pt; }
"""

PDF_LAYOUT = """{% load i18n %}{% get_current_language as LANGUAGE_CODE %}<!DOCTYPE html>
<html lang="{{ LANGUAGE_CODE }}"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
<meta name="generator" content="T52 assessment desk"></head>
<body><main>{% block content %}{% endblock %}</main></body></html>"""


def _static_roots() -> list[Path]:
    roots = [Path(p) for p in settings.STATICFILES_DIRS]
    found = finders.find("css/desk.css")
    if found:
        roots.append(Path(found).parent)
    return [r.resolve() for r in roots]


def _on_disk(url: str, roots: list[Path]) -> Path | None:
    """The static file a file: URL names, or None for any other URL (nothing is ever fetched)."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = Path(url2pathname(parts.path)).resolve()
    return path if path.is_file() and any(path.is_relative_to(r) for r in roots) else None


def url_fetcher():
    """A WeasyPrint URL fetcher that reads static files from disk and refuses every other URL."""
    roots = _static_roots()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = _on_disk(url, roots)
            if path is None:
                raise ValueError(f"The record's PDF fetches nothing: {url}")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return StaticFilesOnly()


def render_pdf(html: str) -> bytes:
    """The HTML as a tagged PDF (PDF/UA-1): the desk's stylesheet read from disk, no network."""
    import weasyprint

    fetcher = url_fetcher()
    base = Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"
    stylesheets = [weasyprint.CSS(string=PDF_CSS, url_fetcher=fetcher)]
    desk_css = finders.find("css/desk.css")
    if desk_css:
        stylesheets.insert(0, weasyprint.CSS(filename=desk_css, url_fetcher=fetcher))
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=stylesheets, pdf_variant="pdf/ua-1")
