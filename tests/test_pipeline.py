"""Fits every web team's pipeline: the wheel installs and runs the demo in a fresh environment, the
GitHub Action's steps run as a script, the container image builds (where a container engine runs),
and the CI examples and the Kubernetes Job are what their runners expect."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from kaikille.loopback import serve

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")
QUIET = {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory, chromium):
    """kaikille built as a wheel and installed into a new virtual environment, as the README says."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, **QUIET}
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp / "dist"), str(ROOT)],
                           capture_output=True, text=True, env=env, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp / "dist").glob("kaikille-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                               capture_output=True, text=True, env=env, timeout=900)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return {"wheel": wheel, "venv": venv, "env": {**env, "KAIKILLE_BROWSER": chromium,
                                                  "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}}


@pytest.mark.browser
def test_the_wheel_installs_only_our_packages_and_runs_the_demo(fresh_install, tmp_path):
    with zipfile.ZipFile(fresh_install["wheel"]) as wheel:
        names = wheel.namelist()
    top_level = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert top_level == {"audit", "kaikille", "locator", "statements"}, "no app.py or other generic module"
    for data in ("audit/demo_journeys.toml", "audit/demo_site/book.html", "audit/schema/results.schema.json",
                 "locator/data/digital_support_points.csv", "kaikille/data/wcag_criteria.json"):
        assert data in names, data
    run = subprocess.run([str(fresh_install["venv"] / "bin" / "kaikille"), "demo", "--out", str(tmp_path / "report"), "--quiet"],
                         cwd=tmp_path, capture_output=True, text=True, env=fresh_install["env"], timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads((tmp_path / "report" / "results.json").read_text("utf-8"))
    assert results["totals"]["pages_audited"] == results["totals"]["pages"] >= 10
    assert any(p["journey"] == "Send feedback / 5 sent" for p in results["pages"])


def _action_steps() -> list[dict]:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    return action["runs"]["steps"]


def test_the_action_declares_the_inputs_and_outputs_a_workflow_uses():
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert set(action["inputs"]) >= {"sites", "urls", "config", "baseline", "fail-on", "standard", "checks", "out"}
    assert set(action["outputs"]) >= {"exit-code", "violations", "failing", "pages"}
    uses = [s["uses"].split("@")[0] for s in _action_steps() if "uses" in s]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif", "actions/upload-artifact"]
    for step in _action_steps():
        if "run" in step:  # inputs reach scripts only through env: no expression inside a script
            assert "${{" not in step["run"], step["run"]
    assert "uses: ./" in README or "kaikille@" in README


@pytest.mark.browser
def test_the_actions_steps_run_as_a_script(fresh_install, tmp_path):
    """Each `run` step of action.yml in order, with the inputs a workflow would give, against the
    demo site on 127.0.0.1; the `uses` steps (setup-python, uploads) are GitHub's own."""
    outputs, summary = tmp_path / "github_output", tmp_path / "step_summary"
    outputs.touch()
    summary.touch()
    inputs = {"sites": "", "config": "", "journeys": "", "baseline": "", "fail-on": "serious", "standard": "wcag21aa",
              "checks": "default", "out": "kaikille-report", "python-version": "3.12", "upload-sarif": "true"}
    codes, errors = [], []
    with serve(ROOT / "audit" / "demo_site") as base:
        inputs["urls"] = f"{base}\n{base}events.html"
        for step in _action_steps():
            if "run" not in step:
                continue
            env = dict(fresh_install["env"], GITHUB_OUTPUT=str(outputs), GITHUB_STEP_SUMMARY=str(summary))
            for name, value in (step.get("env") or {}).items():
                value = str(value).replace("${{ github.action_path }}", str(ROOT))
                for key, given in inputs.items():
                    value = value.replace(f"${{{{ inputs.{key} }}}}", given)
                if "steps.audit.outputs.exit-code" in value:
                    value = dict(line.split("=", 1) for line in outputs.read_text().splitlines())["exit-code"]
                env[name] = value
            done = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
            codes.append(done.returncode)
            errors.append(done.stderr[-1500:])
    said = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert said["exit-code"] == "1" and codes == [0, 0, 1], (codes, said, errors)  # findings: the last step fails the job
    results = json.loads((tmp_path / "kaikille-report" / "results.json").read_text("utf-8"))
    assert int(said["violations"]) == results["totals"]["violations"] > 0
    assert int(said["failing"]) == len(results["gate"]["failing"]) > 0
    assert said["sarif"] == "kaikille-report/results.sarif" and said["report-dir"] == "kaikille-report"
    assert "### Problems to fix, grouped" in summary.read_text("utf-8")


def test_the_ci_examples_and_the_kubernetes_job_are_what_their_runners_expect():
    gitlab = yaml.safe_load((ROOT / "deploy" / "gitlab-ci.yml").read_text("utf-8"))
    job = gitlab["accessibility"]
    assert job["artifacts"]["reports"]["codequality"] == "kaikille-report/gl-code-quality-report.json"
    assert job["image"]["entrypoint"] == [""]  # GitLab runs the script in a shell, not through kaikille
    azure = yaml.safe_load((ROOT / "deploy" / "azure-pipelines.yml").read_text("utf-8"))
    assert any(s.get("task") == "PublishTestResults@2" for s in azure["steps"])
    docs = list(yaml.safe_load_all((ROOT / "deploy" / "kubernetes" / "audit-indexed-job.yaml").read_text("utf-8")))
    audit = next(d for d in docs if d["kind"] == "Job" and d["metadata"]["name"] == "kaikille-audit")
    assert audit["spec"]["completionMode"] == "Indexed"
    shards = audit["spec"]["completions"]
    command = audit["spec"]["template"]["spec"]["containers"][0]["args"][0]
    assert f'--shard "$((JOB_COMPLETION_INDEX + 1))/{shards}"' in command and "--urls-from" in command
    for doc in docs:
        if doc["kind"] == "Job":
            assert doc["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    for name in ("deploy/gitlab-ci.yml", "deploy/azure-pipelines.yml", "deploy/kubernetes/audit-indexed-job.yaml"):
        assert name in README, name


def test_the_dockerfile_installs_chromium_without_extras_and_runs_as_a_user():
    text = (ROOT / "Dockerfile").read_text("utf-8")
    assert "apt-get install -y --no-install-recommends chromium" in text
    assert "\nUSER kaikille" in text and 'ENTRYPOINT ["kaikille"]' in text
    assert "--no-sandbox" not in text


def _engine() -> str | None:
    for engine in ("docker", "podman"):
        if shutil.which(engine):
            probe = subprocess.run([engine, "info"], capture_output=True, text=True, timeout=60)
            if probe.returncode == 0:
                return engine
    return None


@pytest.mark.browser
def test_the_container_image_builds_and_audits(tmp_path):
    engine = _engine()
    if engine is None:
        pytest.skip("no container engine answers here (docker/podman info failed: no daemon running); "
                    "the image is built where one does")
    tag = "kaikille-test:latest"
    built = subprocess.run([engine, "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stderr[-3000:]
    try:
        ran = subprocess.run([engine, "run", "--rm", tag, "demo", "--out", "/tmp/report", "--quiet"],
                             capture_output=True, text=True, timeout=900)
        assert ran.returncode == 0, ran.stderr[-3000:]
        user = subprocess.run([engine, "run", "--rm", "--entrypoint", "id", tag, "-u"], capture_output=True, text=True)
        assert user.stdout.strip() != "0"
    finally:
        subprocess.run([engine, "rmi", "-f", tag], capture_output=True)
