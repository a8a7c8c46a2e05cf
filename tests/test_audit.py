"""The dependency advisory check: it passes, fails on a vulnerability, or says it was skipped."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "audit_deps.py"
_spec = importlib.util.spec_from_file_location("audit_deps", SCRIPT)
audit_deps = importlib.util.module_from_spec(_spec)
sys.modules["audit_deps"] = audit_deps  # dataclasses look their module up here
_spec.loader.exec_module(audit_deps)

ALL_SKIPPED = audit_deps.AuditResult(skipped={"streamlit": "Dependency not found on PyPI"})


def test_audit_of_the_pins_passes_or_says_plainly_it_was_skipped() -> None:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "no known vulnerabilities in" in out or out.count(audit_deps.SKIP_PREFIX) == 1, out
    if audit_deps.SKIP_PREFIX in out:
        assert "NOT checked" in out


def test_pins_include_streamlit_and_its_transitive_dependencies() -> None:
    pins = audit_deps.closure(audit_deps.read_pins())
    assert pins["streamlit"] == "1.67.0"
    assert {"tornado", "protobuf", "jinja2"} & set(pins) or "starlette" in pins


def test_report_with_a_vulnerability_is_sorted_out() -> None:
    report = {"dependencies": [
        {"name": "streamlit", "version": "1.20.0",
         "vulns": [{"id": "GHSA-8qw9-gf7w-42x5", "fix_versions": ["1.30.0"]}]},
        {"name": "folium", "version": "0.20.0", "vulns": []},
        {"name": "local-thing", "skip_reason": "Dependency not found on PyPI"},
    ]}  # fmt: skip
    result = audit_deps.parse_report(report)
    assert result.vulns == {"streamlit==1.20.0": ["GHSA-8qw9-gf7w-42x5 (fix: 1.30.0)"]}
    assert result.audited == ["streamlit", "folium"]
    assert list(result.skipped) == ["local-thing"]


def test_vulnerability_fails_the_check(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    found = audit_deps.AuditResult(audited=["streamlit"], vulns={"streamlit==1.20.0": ["X"]})
    monkeypatch.setattr(audit_deps, "run_pip_audit", lambda pinned, service: found)
    assert audit_deps.audit({"streamlit": "1.20.0"}) == 1
    assert "known vulnerabilities" in capsys.readouterr().out


def test_every_package_skipped_is_reported_as_a_skip_not_a_pass(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(audit_deps, "run_pip_audit", lambda pinned, service: ALL_SKIPPED)
    monkeypatch.setattr(audit_deps, "probe", lambda url, body=None: "HTTP 404 Not Found")
    assert audit_deps.audit({"streamlit": "1.67.0"}) == 0
    out = capsys.readouterr().out
    assert "advisory check skipped: cannot reach PyPI JSON API" in out
    assert "HTTP 404 Not Found" in out and "OSV" in out
    assert "No known vulnerabilities" not in out
    assert audit_deps.audit({"streamlit": "1.67.0"}, strict=True) == 2


def test_unreachable_service_is_reported_with_its_reason(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(audit_deps, "PROBE_TIMEOUT_S", 2)
    why = audit_deps.probe("http://127.0.0.1:9/pypi/x/1/json")
    assert "refused" in why.lower() or "error" in why.lower(), why
