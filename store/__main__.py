"""``python -m store [upgrade|status]``: apply the migrations, or show the store's state."""

import sys

from store.config import database_url, redacted
from store.errors import StoreError
from store.repository import ViewStore


def main(argv: list[str]) -> int:
    """Open the configured store (which applies ``upgrade head``) and report on it."""
    what = argv[0] if argv else "status"
    if what not in ("upgrade", "status"):
        sys.stderr.write("usage: python -m store [upgrade|status]\n")
        return 2
    url = database_url()
    try:
        store = ViewStore(url, pool=False)
    except StoreError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"{redacted(url)}: schema at head, {store.count()} saved views\n")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
