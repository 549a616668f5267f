"""Checks China ICP filing applications (网站备案) before they are submitted.

Python bindings of the ``beian`` Rust library: the same rules, findings and
JSON reports.

>>> import beian_rs
>>> report = beian_rs.validate({"province": "zhejiang"}, as_of="2026-11-27")
>>> report.ok
False
"""

from ._errors import BeianError, NumberError, ParseError, RuleError
from ._native import (
    Code,
    FilingNumber,
    Finding,
    Match,
    Material,
    Report,
    RuleInfo,
    RuleSet,
    Source,
    Step,
    __version__,
    code,
    codes,
    find,
    parse,
    validate,
)

__all__ = [
    "BeianError",
    "Code",
    "FilingNumber",
    "Finding",
    "Match",
    "Material",
    "NumberError",
    "ParseError",
    "Report",
    "RuleError",
    "RuleInfo",
    "RuleSet",
    "Source",
    "Step",
    "__version__",
    "code",
    "codes",
    "find",
    "parse",
    "validate",
]
