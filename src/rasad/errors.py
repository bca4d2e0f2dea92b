"""Typed errors with a stable code and a one-line human message.

The CLI prints `rasad: error[CODE]: message` and exits with `exit_code`; it never shows a traceback for these.
"""

from __future__ import annotations


class RasadError(Exception):
    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(RasadError):
    """The input cannot be read as an article: binary, empty, undecodable, too large, malformed record."""

    code = "E100"
    exit_code = 2


class BinaryInputError(InputError):
    code = "E101"


class EmptyInputError(InputError):
    code = "E102"


class InputTooLargeError(InputError):
    code = "E103"


class RecordError(InputError):
    """One record of a multi-record source (a JSONL line, a feed entry, a WARC record) is bad."""

    code = "E104"


class UsageError(RasadError):
    code = "E200"
    exit_code = 2


class PipelineError(RasadError):
    code = "E300"


class StoreError(RasadError):
    code = "E400"


class ResourceMissingError(RasadError):
    code = "E500"
