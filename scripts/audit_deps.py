"""Check the pinned runtime dependencies (and what they pull in) against known advisories.

Runs pip-audit on requirements.txt plus its installed transitive closure, pinned to the
versions in this virtual environment, without resolving or installing anything.

Exit status:
  0  no known vulnerabilities, or the advisory database could not be reached; the latter
     is never silent: it prints "advisory check skipped: cannot reach <service>: <reason>"
  1  at least one pinned package has a known vulnerability (listed)
  2  pip-audit itself failed for another reason, or --strict and the check was skipped

pip-audit alone is not enough here: when the PyPI JSON API answers 404 (as a mirror may),
it marks every package "could not be audited" yet still prints "No known vulnerabilities
found" and exits 0. This script treats that as a skip and says so.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements.txt"
PYPI_URL = "https://pypi.org/pypi/{name}/{version}/json"
OSV_URL = "https://api.osv.dev/v1/query"
AUDIT_TIMEOUT_S = 240
PROBE_TIMEOUT_S = 10
SKIP_PREFIX = "advisory check skipped: cannot reach"
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")
_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass
class AuditResult:
    """What one pip-audit run found."""

    audited: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    vulns: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path = REQUIREMENTS) -> dict[str, str]:
    """Return ``{name: version}`` for each ``name==version`` line of a requirements file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def closure(pins: dict[str, str]) -> dict[str, str]:
    """Add the installed versions of every runtime dependency of the pins (no extras)."""
    out = dict(pins)
    todo = list(pins)
    while todo:
        name = todo.pop()
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for req in requires:
            if "extra ==" in req.replace('"', " ").replace("'", " "):
                continue
            m = _REQ_NAME.match(req)
            if not m:
                continue
            dep = _norm(m.group(1))
            if dep in out:
                continue
            try:
                out[dep] = metadata.version(dep)
            except metadata.PackageNotFoundError:
                continue
            todo.append(dep)
    return out


def parse_report(report: dict) -> AuditResult:
    """Sort pip-audit's JSON report into audited, skipped and vulnerable packages."""
    result = AuditResult()
    for dep in report.get("dependencies", []):
        name = dep.get("name", "?")
        if "skip_reason" in dep:
            result.skipped[name] = dep["skip_reason"]
            continue
        result.audited.append(name)
        ids = [v.get("id", "?") + f" (fix: {', '.join(v.get('fix_versions') or []) or 'none'})"
               for v in dep.get("vulns", [])]  # fmt: skip
        if ids:
            result.vulns[f"{name}=={dep.get('version', '?')}"] = ids
    return result


def run_pip_audit(pinned: Path, service: str) -> AuditResult:
    """Run pip-audit on a fully pinned file with one vulnerability service."""
    cmd = [
        sys.executable, "-m", "pip_audit", "-r", str(pinned), "--no-deps", "--disable-pip",
        "--progress-spinner", "off", "--format", "json", "--vulnerability-service", service,
        "--timeout", str(PROBE_TIMEOUT_S),
    ]  # fmt: skip
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=AUDIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return AuditResult(error=f"no answer within {AUDIT_TIMEOUT_S} s")
    try:
        report = json.loads(proc.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    if not report.get("dependencies"):
        last = (proc.stderr.strip().splitlines() or [f"pip-audit exited {proc.returncode}"])[-1]
        return AuditResult(error=last[-300:])
    return parse_report(report)


def probe(url: str, body: bytes | None = None) -> str:
    """Say in a few words why an advisory endpoint does not answer (or that it does)."""
    headers = {"Content-Type": "application/json"} if body else {}
    req = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=PROBE_TIMEOUT_S) as resp:
            return f"HTTP {resp.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} {exc.reason}"
    except urllib.error.URLError as exc:
        return f"{type(exc.reason).__name__}: {exc.reason}"
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"


def audit(pins: dict[str, str], *, strict: bool = False) -> int:
    """Audit ``pins`` with PyPI, then OSV if PyPI audited nothing; print and return a status."""
    lines = "".join(f"{n}=={v}\n" for n, v in sorted(pins.items()))
    with tempfile.TemporaryDirectory(prefix="atlas-audit-") as tmp:
        pinned = Path(tmp) / "pinned.txt"
        pinned.write_text(lines, encoding="utf-8")
        reasons = []
        for service, where in (("pypi", PYPI_URL), ("osv", OSV_URL)):
            result = run_pip_audit(pinned, service)
            if result.vulns:
                print(f"known vulnerabilities ({service}):")
                for pkg, ids in sorted(result.vulns.items()):
                    print(f"  {pkg}: {'; '.join(ids)}")
                return 1
            if result.audited:
                print(f"no known vulnerabilities in {len(result.audited)} pinned packages "
                      f"(pip-audit, {service} advisory database)")  # fmt: skip
                if result.skipped:
                    print(
                        f"not audited ({len(result.skipped)}): {', '.join(sorted(result.skipped))}"
                    )
                return 0
            name, version = next(iter(sorted(pins.items())))
            if service == "pypi":
                url = where.format(name=name, version=version)
                why = probe(url)
                detail = result.error or f"none of {len(pins)} packages could be audited"
                reasons.append(f"PyPI JSON API ({url}): {why}; {detail}")
            else:
                body = json.dumps({"package": {"name": name, "ecosystem": "PyPI"},
                                   "version": version}).encode()  # fmt: skip
                reasons.append(f"OSV ({where}): {probe(where, body)}")
    print(f"{SKIP_PREFIX} {' / '.join(reasons)}")
    print(f"  {len(pins)} pinned packages were NOT checked against any advisory database.")
    return 2 if strict else 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=REQUIREMENTS)
    parser.add_argument("--strict", action="store_true", help="exit 2 when the check is skipped")
    parser.add_argument("--direct-only", action="store_true", help="skip transitive dependencies")
    args = parser.parse_args(argv)
    pins = read_pins(args.requirements)
    if not args.direct_only:
        pins = closure(pins)
    print(f"auditing {len(pins)} pinned packages from {args.requirements.name} and their deps")
    return audit(pins, strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())
