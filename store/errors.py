"""Domain errors of the saved-view store, each with a reason an analyst can act on."""


class StoreError(RuntimeError):
    """The store cannot be used: a bad URL, a corrupt or foreign database, no server.

    The app turns it into one message and keeps running with saving disabled.
    """


class SavedViewError(ValueError):
    """A saved view cannot be written as asked (an empty name, a note too long, …)."""


class StaleViewError(SavedViewError):
    """The saved view was changed or deleted in another session since it was read."""
