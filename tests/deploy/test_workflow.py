"""The GitHub Pages workflow (.github/workflows/pages.yml), checked without GitHub.

The workflow only runs on GitHub, so a mistake in it shows only after a push. Two
checks here catch most of them first: the file is validated against the schema of
GitHub's workflow syntax that check-jsonschema ships (the SchemaStore schema, no
network), and what issue 8 asks of it is read out of the parsed file: tests before
the build, the build through the Makefile's ``publish`` target (publishconf.py) with
SITEURL from the Pages URL, ``output/`` uploaded with its dotfiles (``.nojekyll``),
and a deploy job with the permissions GitHub Pages requires.
"""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from sdg_portal.cache import CACHE_NAME
from sdg_portal.settings import DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflow_follows_githubs_workflow_syntax():
    done = schema_check(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "old, new",
    [
        ("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest"),  # a misspelt key
        ("pages: write", "pages: writ"),  # a permission GitHub does not know
        ("  push:", "  pushed:"),  # an event that does not exist
    ],
)
def test_the_schema_check_fails_on_a_broken_workflow(tmp_path, old, new):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "pages.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert schema_check(broken).returncode != 0


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean true; GitHub reads YAML 1.2
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


def step_running(job: dict, command: str) -> tuple[int, dict]:
    found = [(i, s) for i, s in enumerate(job["steps"]) if command in s.get("run", "")]
    assert len(found) == 1, f"one step runs {command!r}, found {len(found)}"
    return found[0]


def test_it_runs_on_a_push_to_main(workflow):
    assert "main" in workflow["on"]["push"]["branches"]


def test_it_installs_then_tests_then_builds_for_publishing(workflow):
    build = workflow["jobs"]["build"]
    install_at, _ = step_running(build, "make venv")
    tests_at, _ = step_running(build, "make test")
    assert install_at < tests_at
    publish_at, publish = step_running(build, "make publish")
    assert tests_at < publish_at
    # SITEURL is the Pages URL that actions/configure-pages works out (a project site
    # under /repo or a custom domain); CNAME comes from a repository variable
    (configure,) = steps_using(build, "actions/configure-pages")
    assert publish["env"]["SITEURL"] == "${{ steps.%s.outputs.base_url }}" % configure["id"]
    assert "vars.CNAME" in publish["env"]["CNAME"]
    assert build["steps"].index(configure) < publish_at


def test_the_build_for_publishing_starts_from_the_last_deployments_analyses(workflow):
    build = workflow["jobs"]["build"]
    caches = [s for s in steps_using(build, "actions/cache") if "sdg-analyses" in s["with"]["key"]]
    assert len(caches) == 1
    (cache,) = caches
    # the file the portal keeps its analyses in, where `make publish` (run from the
    # checkout) looks for it
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings.get("SDG_ANALYSIS_CACHE", DEFAULTS["SDG_ANALYSIS_CACHE"])
    assert cache["with"]["path"] == f"{settings['CACHE_PATH']}/{CACHE_NAME}"
    # a new entry each run (entries cannot be updated), starting from the latest one
    assert "github.sha" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    assert build["steps"].index(cache) < step_running(build, "make publish")[0]


def test_the_makefile_publishes_with_publishconf():
    # what `make publish` runs, printed without running it
    done = subprocess.run(["make", "-n", "publish"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    pelican = [line for line in done.stdout.splitlines() if "pelican " in line and " -s " in line]
    assert pelican and pelican[0].split(" -s ")[1].split()[0] == "publishconf.py"


def test_output_is_uploaded_with_its_dotfiles(workflow):
    build = workflow["jobs"]["build"]
    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"].rstrip("/") == "output"
    # .nojekyll is a dotfile: upload-pages-artifact leaves dotfiles out unless asked
    assert upload["with"]["include-hidden-files"] is True
    assert build["steps"].index(upload) > step_running(build, "make publish")[0]


def test_the_deploy_job_deploys_what_the_build_uploaded(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" or "build" in deploy["needs"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert deploy["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % step["id"]
    # the build job itself may only read the repository
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
