"""Every declarative case of the Rust harness, through the Python API: the
report must be byte-identical to the one the Rust library wrote."""

from __future__ import annotations

import glob
import json

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

import pytest

import beian_rs
from conftest import REPO, dumped_cases

EMBEDDED = beian_rs.RuleSet.embedded()


def expected_case_count() -> int:
    files = glob.glob(str(REPO / "tests" / "cases" / "**" / "*.toml"), recursive=True)
    return sum(len(tomllib.loads(open(f, encoding="utf-8").read()).get("case", [])) for f in files)


def test_every_case_was_dumped() -> None:
    cases = dumped_cases()
    # The harness has hundreds of cases; all of them must be compared here.
    assert len(cases) >= 500
    assert len(cases) == expected_case_count()
    assert sum("report" in c for c in cases) >= 500


def settings(case: dict) -> dict:
    assert case["rules"] == "embedded", case["rules"]
    return {"as_of": case["as_of"], "rules": EMBEDDED, "stage": case.get("stage") or "complete"}


@pytest.mark.parametrize("form", ["str", "bytes", "dict"])
def test_case(case: dict, form: str) -> None:
    text = case["application"]
    application = {"str": text, "bytes": text.encode("utf-8"), "dict": None}[form]
    if form == "dict":
        try:
            application = json.loads(text)
        except json.JSONDecodeError:
            pytest.skip("the text is not JSON that Python reads: it has no dict form")
        if not isinstance(application, dict):
            with pytest.raises(TypeError):
                beian_rs.validate(application, **settings(case))
            return
    if "parse_error" in case:
        with pytest.raises(beian_rs.ParseError) as raised:
            beian_rs.validate(application, **settings(case))
        if form == "dict":
            # The same error at the same path (positions are those of the
            # JSON text the dict was written as).
            with pytest.raises(beian_rs.ParseError) as as_text:
                beian_rs.validate(text, **settings(case))
            assert (raised.value.path, raised.value.message) == (as_text.value.path, as_text.value.message)
        else:
            assert str(raised.value) == case["parse_error"]
        return
    report = beian_rs.validate(application, **settings(case))
    assert report.to_json() == case["report"]
    assert report.to_dict() == json.loads(case["report"])
