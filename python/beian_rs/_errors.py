"""The exceptions of beian_rs."""

from __future__ import annotations

from typing import Optional


class BeianError(Exception):
    """Base class of the exceptions of beian_rs."""


class ParseError(BeianError, ValueError):
    """The document is not JSON, or not JSON of the application's shape.

    ``path`` is the JSON Pointer of the offending value (empty for the
    document itself), ``line`` and ``column`` its 1-based position in the
    JSON text, ``message`` what is wrong.
    """

    def __init__(self, text: str, message: str, path: str, line: int, column: int) -> None:
        super().__init__(text)
        self.message = message
        self.path = path
        self.line = line
        self.column = column


class RuleError(BeianError):
    """A rule directory that cannot be loaded.

    ``file`` is the rule file, ``line`` and ``column`` the 1-based position
    of the problem where it is at a place in the file (else None),
    ``message`` what is wrong.
    """

    def __init__(
        self, text: str, message: str, file: str, line: Optional[int], column: Optional[int]
    ) -> None:
        super().__init__(text)
        self.message = message
        self.file = file
        self.line = line
        self.column = column


class NumberError(BeianError, ValueError):
    """A text that is not a filing number (of the kind asked for).

    ``message`` says why; ``canonical`` is the canonical form when the text
    reads as a number only leniently (else None).
    """

    def __init__(self, message: str, canonical: Optional[str]) -> None:
        super().__init__(message)
        self.message = message
        self.canonical = canonical
