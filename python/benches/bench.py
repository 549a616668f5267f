"""Validating the bundled samples from Python, against `json.loads` of the
same document and the `jsonschema` package checking the structural subset
of the rules (benches/data/structural.schema.json).

    pip install ./python jsonschema==4.26.0
    python python/benches/bench.py [--repeat N]

Prints a Markdown table of medians per call (timeit; each figure the median
of N repeats of as many calls as fill about 0.2 s).
"""

from __future__ import annotations

import argparse
import copy
import importlib.metadata
import json
import pathlib
import platform
import statistics
import timeit

import jsonschema

import beian_rs

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = REPO / "examples" / "applications"


def entity_with_websites(n: int) -> str:
    """The entity sample with `n` websites, each with its own name and
    domain (as benches/validate.rs builds it)."""
    doc = json.loads((SAMPLES / "entity.json").read_text(encoding="utf-8"))
    site = doc["websites"][0]
    sites = []
    for i in range(n):
        s = copy.deepcopy(site)
        s["name"] = f"示例科技官网{i}"
        s["domains"][0]["name"] = f"example-tech-{i}.cn"
        s["homepage"] = f"https://www.example-tech-{i}.cn/"
        sites.append(s)
    doc["websites"] = sites
    return json.dumps(doc, ensure_ascii=False)


def per_call(fn, repeat: int) -> float:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    number = max(1, number)
    return statistics.median(t / number for t in timer.repeat(repeat=repeat, number=number))


def show(seconds: float) -> str:
    us = seconds * 1e6
    return f"{us:.3g} µs" if us < 1000 else f"{us / 1000:.3g} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    schema = json.loads((REPO / "benches" / "data" / "structural.schema.json").read_text(encoding="utf-8"))
    structural = jsonschema.Draft202012Validator(schema)
    rules = beian_rs.RuleSet.embedded()
    documents = [
        ("personal sample (1 website)", (SAMPLES / "personal.json").read_text(encoding="utf-8")),
        ("entity sample (1 website)", (SAMPLES / "entity.json").read_text(encoding="utf-8")),
        ("sample with mistakes", (SAMPLES / "mistakes.json").read_text(encoding="utf-8")),
        ("entity with 100 websites", entity_with_websites(100)),
    ]
    print(f"Python {platform.python_version()}, beian_rs {beian_rs.__version__}, jsonschema {importlib.metadata.version('jsonschema')}")
    print()
    print(
        "| document | validate(str) | validate(dict) | json.loads | jsonschema is_valid | jsonschema iter_errors"
        " | validate(str) / json.loads | validate(str) / is_valid |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, text in documents:
        doc = json.loads(text)
        findings = len(rules.validate(text).findings)
        times = {
            "str": per_call(lambda: rules.validate(text), args.repeat),
            "dict": per_call(lambda: rules.validate(doc), args.repeat),
            "loads": per_call(lambda: json.loads(text), args.repeat),
            "is_valid": per_call(lambda: structural.is_valid(doc), args.repeat),
            "errors": per_call(lambda: list(structural.iter_errors(doc)), args.repeat),
        }
        label = f"{name}, {findings} findings" if findings else name
        print(
            f"| {label} | {show(times['str'])} | {show(times['dict'])} | {show(times['loads'])}"
            f" | {show(times['is_valid'])} | {show(times['errors'])}"
            f" | {times['str'] / times['loads']:.2f} | {times['str'] / times['is_valid']:.2f} |"
        )


if __name__ == "__main__":
    main()
