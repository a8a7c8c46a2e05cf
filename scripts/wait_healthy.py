"""Wait until a replica's health check says ok: ``wait_healthy.py URL [TRIES]`` (1 s apart).

Used by deploy/atlas@.service (ExecStartPost), so `systemctl start` returns once the
replica is warm. Exits 1 if it never answers; every loop is bounded.
"""

import sys
import time
import urllib.request


def main(argv: list[str]) -> int:
    """Poll ``URL/_stcore/health`` up to TRIES times (default 120); 0 once it says ok."""
    base, tries = argv[0].rstrip("/"), int(argv[1]) if len(argv) > 1 else 120
    for _ in range(max(1, min(tries, 3600))):
        start = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as resp:
                if resp.status == 200 and resp.read() == b"ok":
                    return 0
        except OSError:
            pass
        time.sleep(max(0.0, 1.0 - (time.monotonic() - start)))
    print(f"{base} did not answer its health check", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
