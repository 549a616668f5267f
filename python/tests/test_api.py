"""The Python API: types, errors, rule sets, numbers, codes, threads."""

from __future__ import annotations

import ast
import datetime
import json
import pathlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import beian_rs
from beian_rs import BeianError, NumberError, ParseError, RuleError, RuleSet


# --- validate and the report ---------------------------------------------


def test_report_types(mistakes_json: str) -> None:
    report = beian_rs.validate(mistakes_json)
    assert isinstance(report, beian_rs.Report)
    assert report.ok is False
    assert report.as_of == datetime.date(2026, 11, 27)
    assert report.province == "zhejiang"
    assert report.filing_type == "personal"
    assert report.ruleset == RuleSet.embedded().version
    assert len(report.findings) == 18
    for f in report.findings:
        assert isinstance(f, beian_rs.Finding)
        assert f.severity in ("error", "warning", "info")
        for attr in ("code", "path", "message", "message_zh", "rule"):
            assert isinstance(getattr(f, attr), str)
        assert isinstance(f.params, dict)
        assert f.to_dict() == {
            "code": f.code,
            "severity": f.severity,
            "path": f.path,
            "message": f.message,
            "message_zh": f.message_zh,
            "rule": f.rule,
            "params": f.params,
        }
        assert beian_rs.code(f.code).id == f.code
    assert report.errors == [f for f in report.findings if f.severity == "error"]
    assert report.warnings == [f for f in report.findings if f.severity == "warning"]
    assert report.ok == (not report.errors)
    assert report.has(report.findings[0].code)
    assert not report.has("hosting.auth_code_used")
    with pytest.raises(ValueError):
        report.has("no.such_code")
    data = report.to_dict()
    assert data == json.loads(report.to_json())
    assert [m.to_dict() for m in report.materials] == data["materials"]
    assert [m.concerns for m in report.materials] == [m["for"] for m in data["materials"]]
    assert [s.to_dict() for s in report.steps] == data["steps"]
    assert all(isinstance(s.id, str) for s in report.steps)
    assert "findings=18" in repr(report)


def test_passing_sample(personal_json: str) -> None:
    report = beian_rs.validate(personal_json)
    assert report.ok
    assert report.findings == []
    assert [m.id for m in report.materials]
    assert "authority_review" in [s.id for s in report.steps]
    assert report.to_text().startswith("✔ 可以提交")
    assert str(report) == report.to_text()
    assert report.to_text("en").startswith("✔ ready to submit")
    assert beian_rs.validate(personal_json, lang="en").to_text().startswith("✔ ready to submit")


def test_input_forms_give_the_same_report(entity_json: str) -> None:
    as_str = beian_rs.validate(entity_json)
    assert beian_rs.validate(entity_json.encode()) == as_str
    assert beian_rs.validate(bytearray(entity_json.encode())) == as_str
    assert beian_rs.validate(json.loads(entity_json)) == as_str
    # A leading byte-order mark is ignored.
    assert beian_rs.validate(b"\xef\xbb\xbf" + entity_json.encode()) == as_str
    assert beian_rs.validate("\ufeff" + entity_json) == as_str
    assert beian_rs.validate(entity_json, rules=RuleSet.embedded()) == as_str
    assert RuleSet.embedded().validate(entity_json) == as_str


def test_as_of(personal_json: str) -> None:
    day = datetime.date(2030, 1, 2)
    assert beian_rs.validate(personal_json, as_of=day).as_of == day
    assert beian_rs.validate(personal_json, as_of="2030-01-02").as_of == day
    assert beian_rs.validate(personal_json, as_of=None).as_of == datetime.date(2026, 11, 27)
    # A later date makes the certificates expire: the date is applied.
    late = beian_rs.validate(personal_json, as_of="2040-01-01")
    assert late.has("certificate.expired")
    for bad in ("2030-1-2", "2030-02-30", "20300102", "2030-01-02T00:00:00", ""):
        with pytest.raises(ValueError):
            beian_rs.validate(personal_json, as_of=bad)
    with pytest.raises(TypeError):
        beian_rs.validate(personal_json, as_of=datetime.datetime(2030, 1, 2))
    with pytest.raises(TypeError):
        beian_rs.validate(personal_json, as_of=20300102)


def test_lang(personal_json: str) -> None:
    with pytest.raises(ValueError):
        beian_rs.validate(personal_json, lang="fr")
    report = beian_rs.validate(personal_json)
    with pytest.raises(ValueError):
        report.to_text("de")


def test_keyword_only(personal_json: str) -> None:
    with pytest.raises(TypeError):
        beian_rs.validate(personal_json, "2026-11-27")  # type: ignore[misc]
    with pytest.raises(TypeError):
        beian_rs.validate(personal_json, None, None, "zh", "subject")  # type: ignore[misc]
    with pytest.raises(TypeError):
        beian_rs.validate(personal_json, step="subject")  # type: ignore[call-arg]


# --- bad input ------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 42, 1.5, ["province"], ("a",), {"province"}, object()])
def test_not_an_application_type(value: object) -> None:
    with pytest.raises(TypeError, match="an application is a dict"):
        beian_rs.validate(value)  # type: ignore[arg-type]


def test_values_that_are_not_json() -> None:
    with pytest.raises(TypeError, match="/subject"):
        beian_rs.validate({"subject": {1: "x"}})
    with pytest.raises(TypeError, match="/websites/0"):
        beian_rs.validate({"websites": [{"x"}]})
    with pytest.raises(ValueError, match="/hosting/purchased_months"):
        beian_rs.validate({"hosting": {"purchased_months": float("nan")}})
    with pytest.raises(ValueError, match="too large"):
        beian_rs.validate({"hosting": {"purchased_months": 10**40}})
    deep: dict = {}
    node = deep
    for _ in range(300):
        node["x"] = {}
        node = node["x"]
    with pytest.raises((ValueError, ParseError)):
        beian_rs.validate(deep)


def test_parse_errors() -> None:
    with pytest.raises(ParseError) as raised:
        beian_rs.validate('\n  ["zhejiang"]')
    e = raised.value
    assert isinstance(e, ValueError) and isinstance(e, BeianError)
    assert (e.path, e.line, e.column) == ("", 2, 3)
    assert "object" in e.message and e.message in str(e)
    for text in ("", "not json", "[1, 2]", '"a string"', "{} trailing", '{"province": 33.5'):
        with pytest.raises(ParseError):
            beian_rs.validate(text)
    with pytest.raises(ParseError, match="UTF-8"):
        beian_rs.validate(b'{"province": "\xff"}')


def test_values_that_do_not_fit_are_findings() -> None:
    report = beian_rs.validate({"subject": {"kind": "persona"}, "websites": "not a list"}, as_of="2026-11-27")
    invalid = {f.path: f for f in report.findings if f.code == "field.invalid"}
    assert set(invalid) == {"/subject/kind", "/websites"}
    assert invalid["/subject/kind"].params["nearest"] == "personal"
    assert invalid["/websites"].params["expected"] == "a list"


def test_stages() -> None:
    seed = {
        "province": "zhejiang",
        "subject": {"kind": "personal"},
        "websites": [
            {
                "domains": [
                    {"name": "xiaoming-notes.cn", "holder": "王小明", "real_name_verified": True, "expires_on": "2027-10-01"}
                ]
            }
        ],
        "hosting": {
            "kind": "cloud_server",
            "region": "ap-shanghai",
            "billing": "prepaid",
            "purchased_months": 12,
            "expires_on": "2027-11-01",
        },
    }
    assert beian_rs.validate(seed, as_of="2026-11-27", stage="prerequisites").ok
    assert not beian_rs.validate(seed, as_of="2026-11-27").ok
    assert RuleSet.embedded().validate(seed, as_of="2026-11-27", stage="prerequisites").ok
    with pytest.raises(ValueError, match="stage"):
        beian_rs.validate(seed, stage="first")


def test_missing_fields_are_findings() -> None:
    report = beian_rs.validate({}, as_of="2026-11-27")
    assert not report.ok
    assert report.as_of == datetime.date(2026, 11, 27)
    assert "field.required" in {f.code for f in report.findings}
    unknown = beian_rs.validate({"provinse": "zhejiang"}, as_of="2026-11-27")
    assert any(f.code == "field.unknown" and f.path == "/provinse" for f in unknown.findings)


# --- rule sets -------------------------------------------------------------


def write_rules(root: pathlib.Path) -> pathlib.Path:
    for name, text in RuleSet.embedded_files():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_rules_from_dir(tmp_path: pathlib.Path, mistakes_json: str) -> None:
    rules = RuleSet.from_dir(write_rules(tmp_path))
    assert rules.version == RuleSet.embedded().version
    assert RuleSet.from_dir(str(tmp_path)).version == rules.version
    assert beian_rs.validate(mistakes_json, rules=rules).to_json() == beian_rs.validate(mistakes_json).to_json()
    finding = beian_rs.validate(mistakes_json).findings[0]
    info = rules.rule(finding.rule)
    assert info is not None and info.id == finding.rule
    assert info.file and info.source_date and info.sources
    assert all(isinstance(s.tag, str) and isinstance(s.title, str) for s in info.sources)
    assert rules.rule("no.such.rule") is None
    assert len(rules.rules()) > 100
    assert rules.icp_abbreviations("sichuan") == rules.icp_abbreviations("四川")
    assert "川" in rules.icp_abbreviations("sichuan")
    with pytest.raises(ValueError):
        rules.icp_abbreviations("atlantis")


def test_rule_error_names_file_and_line(tmp_path: pathlib.Path) -> None:
    write_rules(tmp_path)
    (tmp_path / "ruleset.toml").write_text("version = 2026\n", encoding="utf-8")
    with pytest.raises(RuleError) as raised:
        RuleSet.from_dir(tmp_path)
    e = raised.value
    assert isinstance(e, BeianError)
    assert e.file.endswith("ruleset.toml")
    assert e.line == 1 and e.column is not None
    assert f"{e.file}:{e.line}:{e.column}: {e.message}" == str(e)


def test_rule_error_in_a_province_file(tmp_path: pathlib.Path) -> None:
    write_rules(tmp_path)
    path = tmp_path / "provinces" / "zhejiang.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "no_such_key = 1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleError) as raised:
        RuleSet.from_dir(tmp_path)
    assert raised.value.file.endswith("zhejiang.toml")
    assert raised.value.line == 4


def test_rule_error_without_a_line(tmp_path: pathlib.Path) -> None:
    with pytest.raises(RuleError) as raised:
        RuleSet.from_dir(tmp_path / "missing")
    assert raised.value.file
    write_rules(tmp_path)
    (tmp_path / "stray.toml").write_text("", encoding="utf-8")
    with pytest.raises(RuleError) as stray:
        RuleSet.from_dir(tmp_path)
    assert stray.value.file.endswith("stray.toml")
    with pytest.raises(TypeError):
        RuleSet.from_dir(42)  # type: ignore[arg-type]


# --- numbers ---------------------------------------------------------------


def test_parse_numbers() -> None:
    n = beian_rs.parse("粤ICP备08130115号-14")
    assert (n.kind, n.province, n.abbreviation, n.year) == ("icp_filing", "guangdong", "粤", 2008)
    assert (n.subject_serial, n.site_serial, n.service_kind) == ("08130115", 14, "website")
    assert n.subject_number == "粤ICP备08130115号"
    assert str(n) == n.text == "粤ICP备08130115号-14"
    assert n.serial is None and n.record_code is None
    assert beian_rs.parse("辽ICP备2023009191号-2A").service_kind == "app"
    lic = beian_rs.parse("A2.B1.B2-20202637")
    assert (lic.kind, lic.province, lic.is_cross_regional) == ("icp_license", None, True)
    assert lic.categories == ["A2", "B1", "B2"]
    ps = beian_rs.parse("京公网安备11010502030143号", kind="public_security_filing")
    assert (ps.province, ps.division_code, ps.record_code) == ("beijing", "110105", "11010502030143")
    assert ps.to_dict()["division_code"] == "110105"
    assert beian_rs.parse("京ICP备11018762号") == beian_rs.parse("京ICP备11018762号")
    assert len({beian_rs.parse("京ICP备11018762号"), beian_rs.parse("京ICP备11018762号")}) == 1


def test_number_errors() -> None:
    with pytest.raises(NumberError) as raised:
        beian_rs.parse("京ICP备1101876号")
    assert isinstance(raised.value, ValueError)
    assert "7 digits" in raised.value.message and raised.value.canonical is None
    with pytest.raises(NumberError) as lenient_only:
        beian_rs.parse("滇ICP备09010050-5号")
    assert lenient_only.value.canonical == "滇ICP备09010050号-5"
    n = beian_rs.parse("滇ICP备09010050-5号", lenient=True)
    assert n.text == "滇ICP备09010050号-5" and "misplaced_hao" in n.normalizations
    with pytest.raises(NumberError, match="not an ICP licence number"):
        beian_rs.parse("京ICP备11018762号", kind="icp_license")
    with pytest.raises(ValueError):
        beian_rs.parse("京ICP备11018762号", kind="licence")
    with pytest.raises(NumberError):
        beian_rs.parse("")


def test_find_numbers() -> None:
    footer = "©2026 腾讯 粤B2-20090059 粤公网安备44030502008569号 京ICP备11018762号"
    found = beian_rs.find(footer)
    assert [m.number.text for m in found] == ["粤B2-20090059", "粤公网安备44030502008569号", "京ICP备11018762号"]
    for m in found:
        assert footer[m.start : m.end] == m.text
        assert m.normalizations == []
    lenient = beian_rs.find("备案号：川ICP备 09003078号　沪ICP备2021527689-3号", lenient=True)
    assert [m.text for m in lenient] == ["川ICP备 09003078号", "沪ICP备2021527689-3号"]
    assert lenient[0].number.text == "川ICP备09003078号"
    assert "whitespace" in lenient[0].normalizations
    assert beian_rs.find("nothing here") == []


# --- codes -----------------------------------------------------------------


def test_codes() -> None:
    codes = beian_rs.codes()
    assert len(codes) == len({c.id for c in codes}) > 50
    assert all(c.default_severity in ("error", "warning", "info") for c in codes)
    assert all(c.id.startswith(c.family + ".") for c in codes)
    assert beian_rs.code("field.unknown").default_severity == "warning"
    assert beian_rs.code("field.unknown") == beian_rs.code("field.unknown")
    assert str(beian_rs.code("domain.expired")) == "domain.expired"
    with pytest.raises(ValueError):
        beian_rs.code("nope")


# --- threads ---------------------------------------------------------------


def test_rule_set_shared_by_threads(tmp_path: pathlib.Path, mistakes_json: str, entity_json: str) -> None:
    rules = RuleSet.from_dir(write_rules(tmp_path))
    docs = [mistakes_json, entity_json] * 100
    expected = [beian_rs.validate(d).to_json() for d in docs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda d: beian_rs.validate(d, rules=rules).to_json(), docs))
    assert got == expected


def test_validation_releases_the_gil(entity_json: str) -> None:
    # A document that takes a long time to parse: many websites (the
    # checks look at the first 100 only, parsing reads them all).
    app = json.loads(entity_json)
    app["websites"] = app["websites"] * 20_000
    text = json.dumps(app, ensure_ascii=False)
    start = time.perf_counter()
    beian_rs.validate(text)
    alone = time.perf_counter() - start
    assert alone > 0.05, alone

    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.01)
        before = ticks
        beian_rs.validate(text)
        during = ticks - before
    finally:
        done.set()
        counter.join()
    # With the GIL held for the whole call the counter could not run at all.
    assert during > 1000, during


# --- stubs -----------------------------------------------------------------


def test_stubs_match_the_module() -> None:
    package = pathlib.Path(beian_rs.__file__).parent
    assert (package / "py.typed").exists()
    tree = ast.parse((package / "_native.pyi").read_text(encoding="utf-8"))
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    native = beian_rs._native
    public = {name for name in dir(native) if not name.startswith("_")}
    assert public == functions | set(classes)
    for name, node in classes.items():
        stubbed = {n.name for n in node.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
        runtime = {a for a in dir(getattr(native, name)) if not a.startswith("_")}
        assert stubbed == runtime, name
    errors = {"BeianError", "ParseError", "RuleError", "NumberError"}
    assert set(beian_rs.__all__) == public | errors | {"__version__"}
