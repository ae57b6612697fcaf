"""Errors the pipeline reports to the user: each names the input and the reason."""


class IngestError(Exception):
    """An input that cannot be read: ``source`` is its path or URL."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
