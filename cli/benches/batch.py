#!/usr/bin/env python3
"""Batch benchmark of `beian validate --format jsonl` (BENCHMARKS.md).

Generates N applications (100,000 by default) as JSON Lines from the bundled
samples, each with its own variations, and times the release binary on them
on one core (RAYON_NUM_THREADS=1) and on all cores, best of --runs: the
wall-clock throughput, the CPU time per application, and the peak resident
memory for N and for N/10 applications (it does not grow with the input).
The load average is printed too: on a shared machine, other processes take
cores away from the all-cores run. Run from the repository root:

    python3 cli/benches/batch.py [--count 100000] [--runs 3]

It builds the binary with `cargo build --release -p beian-cli` first.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, "target", "release", "beian")
SAMPLES = os.path.join(ROOT, "examples", "applications")


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


def applications(count):
    """The i-th application: personal (50%), entity (45%) or with mistakes
    (5%), with its own domain, website name, e-mail and remarks, and now and
    then a typo key or a second domain."""
    personal, entity, mistakes = sample("personal.json"), sample("entity.json"), sample("mistakes.json")
    digits = "零一二三四五六七八九"
    for i in range(count):
        kind = i % 20
        app = json.loads(json.dumps(mistakes if kind == 19 else personal if kind % 2 == 0 else entity))
        website = app["websites"][0]
        tag = "".join(digits[int(d)] for d in str(i))
        website["name"] = website.get("name", "") + tag
        for domain in website.get("domains", []):
            name = domain.get("name", "example.cn")
            label, _, suffix = name.partition(".")
            domain["name"] = f"{label}-{i}.{suffix}"
        if isinstance(website.get("homepage"), str) and website.get("domains"):
            website["homepage"] = "https://www." + website["domains"][0]["name"] + "/"
        if i % 7 == 0 and website.get("domains"):
            extra = dict(website["domains"][0])
            extra["name"] = f"extra-{i}.com.cn"
            website["domains"].append(extra)
        if isinstance(app["subject"].get("email"), str):
            app["subject"]["email"] = f"user{i}@example.com"
        website["remarks"] = f"第{i}号存量备案复核"
        if i % 11 == 0:
            website["remark"] = "typo"
        yield json.dumps(app, ensure_ascii=False)


def run(path, threads):
    """Wall-clock and CPU seconds (user + system) of one run, its peak
    resident memory in MiB, and the number of lines it wrote."""
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    else:
        env.pop("RAYON_NUM_THREADS", None)
    args = [BINARY, "validate", "--format", "jsonl", "--as-of", "2026-11-27", path]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            sys.exit(f"beian exited with {code}: {err.read().decode()[:500]}")
        out.seek(0)
        lines = sum(1 for _ in out)
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "beian-cli"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        big, small = os.path.join(tmp, "big.jsonl"), os.path.join(tmp, "small.jsonl")
        with open(big, "w", encoding="utf-8") as f:
            for line in applications(options.count):
                f.write(line + "\n")
        with open(small, "w", encoding="utf-8") as f:
            for line in applications(options.count // 10):
                f.write(line + "\n")
        size = os.path.getsize(big) / 2**20
        print(f"{options.count} applications, {size:.1f} MiB of JSON Lines; {os.cpu_count()} cores")
        for threads, label in [(1, "1 core (RAYON_NUM_THREADS=1)"), (None, f"all cores ({os.cpu_count()})")]:
            load = os.getloadavg()[0]
            best, cpu, memory, lines = min(run(big, threads) for _ in range(options.runs))
            assert lines == options.count, f"{lines} reports for {options.count} lines"
            _, _, small_memory, _ = run(small, threads)
            print(
                f"{label}: {best:.2f} s, {options.count / best:,.0f} applications/s, "
                f"{best / options.count * 1e6:.1f} µs each; CPU {cpu / options.count * 1e6:.1f} µs each; "
                f"peak memory {small_memory:.1f} MiB for {options.count // 10:,}, {memory:.1f} MiB for "
                f"{options.count:,}; load average before: {load:.2f}"
            )

if __name__ == "__main__":
    main()
