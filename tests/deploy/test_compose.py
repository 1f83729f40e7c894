"""docker-compose.yml, validated offline (no Docker engine runs here)."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def test_compose_file_is_valid_against_the_compose_specification():
    tool = str(Path(sys.executable).parent / "check-jsonschema")  # installed with the dev dependencies
    result = subprocess.run([tool, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_runs_postgresql_15_with_its_data_in_a_named_volume(compose):
    db = compose["services"]["db"]
    assert db["image"] == "postgres:15"
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "pgdata" in compose["volumes"]


def test_app_waits_for_the_database_and_runs_production_settings(compose):
    app = compose["services"]["app"]
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    env = app["environment"]
    assert env["DEBUG"] == "false"
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert "SECRET_KEY" in env


def test_image_migrates_on_start_and_serves_with_gunicorn_as_a_non_root_user():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = next(line for line in dockerfile.splitlines() if line.startswith("CMD"))
    assert cmd.index("python -m config.migrate_locked || exit 1") < cmd.index("exec gunicorn config.wsgi")
    assert "USER desk" in dockerfile and "collectstatic" in dockerfile


def test_the_app_is_healthy_only_when_its_health_endpoint_answers(compose):
    check = compose["services"]["app"]["healthcheck"]
    command = check["test"]
    assert command[:3] == ["CMD", "python", "-c"]  # the slim image has no curl
    assert "http://127.0.0.1:8000/health" in command[3] and "ALLOWED_HOSTS" in command[3]
    compile(command[3], "healthcheck", "exec")  # the one-liner is valid Python


def settings_variables() -> set[str]:
    """Every environment variable config/settings.py reads."""
    source = (ROOT / "config" / "settings.py").read_text()
    return set(re.findall(r"(?:env_bool|env_list|env_int|os\.environ\.get|os\.environ\[)\(?[\"']([A-Z_]+)[\"']", source))


def test_the_example_environment_lists_every_variable_the_settings_read():
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", example, flags=re.MULTILINE))
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= settings_variables()
    assert settings_variables() - listed == set()


def test_the_readme_documents_every_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    assert {name for name in settings_variables() if f"`{name}`" not in readme} == set()


def test_the_image_holds_every_package_of_the_project_and_serves_with_its_gunicorn_settings():
    dockerfile = (ROOT / "Dockerfile").read_text()
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]["include"]
    for package in (p.rstrip("*") for p in packages):
        assert f"COPY {package} ./{package}" in dockerfile, package
    # config/gunicorn.py: an access log without query strings (they may hold a searched name).
    assert "--config python:config.gunicorn" in dockerfile
