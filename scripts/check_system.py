"""Check the system packages the test suite needs, with a clear message when one is missing."""

import shutil
import sys

MISSING = []
if not shutil.which("chromium"):
    MISSING.append("chromium (browser tests): apt-get install chromium")

if MISSING:
    print("Missing system packages:\n  " + "\n  ".join(MISSING), file=sys.stderr)
    print("`bash .ci/run` installs them on Debian.", file=sys.stderr)
    sys.exit(1)
print("system packages: ok")
