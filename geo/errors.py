"""Domain errors raised by geo/ and turned into clear messages by the pages."""


class AtlasDataError(ValueError):
    """A bundled or uploaded data file does not meet its schema.

    The message names the file, and where known the feature id and the field,
    so that an analyst can act on it without a traceback.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        feature_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.feature_id = feature_id
        self.field = field
        parts = []
        if file:
            parts.append(file)
        if feature_id:
            parts.append(f"feature {feature_id!r}")
        if field:
            parts.append(f"field {field!r}")
        prefix = ": ".join([", ".join(parts)]) if parts else ""
        super().__init__(f"{prefix}: {message}" if prefix else message)


class ExportError(RuntimeError):
    """An export could not be produced (full disk, impossible size, ...)."""


class ViewDocError(ValueError):
    """A saved view's document cannot be read as a view."""
