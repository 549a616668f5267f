"""Shared fixtures: the repository, the samples, and the Rust harness's cases.

The declarative cases (``tests/cases/**/*.toml`` of the repository) are run
by the Rust harness ``tests/cases.rs``, which writes each case's application
and the Rust report's JSON to the directory in ``BEIAN_CASES_DUMP``. When
that variable names a directory that already holds them (``.ci/run`` makes
it beforehand), the tests read it; otherwise they run
``cargo test --test cases`` themselves into a temporary directory.
"""

from __future__ import annotations

import functools
import json
import os
import pathlib
import subprocess
import tempfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = REPO / "examples" / "applications"


@functools.lru_cache(maxsize=None)
def case_dump() -> pathlib.Path:
    given = os.environ.get("BEIAN_CASES_DUMP")
    if given and any(pathlib.Path(given).glob("*.json")):
        return pathlib.Path(given)
    out = pathlib.Path(tempfile.mkdtemp(prefix="beian-cases-"))
    subprocess.run(
        ["cargo", "test", "--quiet", "--test", "cases"],
        cwd=REPO,
        env={**os.environ, "BEIAN_CASES_DUMP": str(out)},
        check=True,
    )
    return out


@functools.lru_cache(maxsize=None)
def dumped_cases() -> list:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(case_dump().glob("*.json"))]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" in metafunc.fixturenames:
        cases = dumped_cases()
        metafunc.parametrize("case", cases, ids=[f'{c["file"]}: {c["case"]}' for c in cases])


@pytest.fixture(scope="session")
def personal_json() -> str:
    return (SAMPLES / "personal.json").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def entity_json() -> str:
    return (SAMPLES / "entity.json").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mistakes_json() -> str:
    return (SAMPLES / "mistakes.json").read_text(encoding="utf-8")
