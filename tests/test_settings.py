"""Production settings: configured from the environment and clean under `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "ELASTICSEARCH_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="sws_site.settings.production", **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=REPO, env=environment, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_the_required_variables(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="wellbeing.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_variables(tmp_path, missing):
    env = {"SECRET_KEY": "a-production-secret-" + "x" * 50, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop(missing)
    result = _manage("check", **env)
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_elasticsearch_backend_is_chosen_when_its_url_is_set(tmp_path):
    code = (
        "from django.conf import settings; b = settings.WAGTAILSEARCH_BACKENDS['default'];"
        "print(b['BACKEND'], b['URLS'], b['INDEX_PREFIX'])"
    )
    result = _manage(
        "shell",
        "-c",
        code,
        SECRET_KEY="k" * 60,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ELASTICSEARCH_URL="http://search.internal:9200",
    )
    assert result.returncode == 0, result.stderr
    assert "wagtail.search.backends.elasticsearch9 ['http://search.internal:9200'] sws_" in result.stdout
