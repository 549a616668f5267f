"""Fails when a dependency of beian (normal, not dev) declares a
rust-version newer than beian's own: the stated MSRV would be a lie.
Reads `cargo metadata` on stdin. Clippy's `incompatible_msrv` lint covers
the standard library APIs the crate itself uses."""
import json
import sys


def version(v):
    return tuple(int(x) for x in v.split("."))


meta = json.load(sys.stdin)
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = next(p for p in meta["packages"] if p["name"] == "beian")
msrv = version(root["rust_version"])
seen, stack, newer = set(), [root["id"]], []
while stack:
    i = stack.pop()
    if i in seen:
        continue
    seen.add(i)
    p = packages[i]
    if p.get("rust_version") and version(p["rust_version"]) > msrv:
        newer.append(f'{p["name"]} {p["version"]} needs Rust {p["rust_version"]}')
    for dep in nodes[i]["deps"]:
        if any(k["kind"] is None for k in dep["dep_kinds"]):
            stack.append(dep["pkg"])
if newer:
    sys.exit(f"beian states rust-version {root['rust_version']}, but:\n  " + "\n  ".join(sorted(newer)))
print(f"{len(seen) - 1} dependencies, none needs a Rust newer than {root['rust_version']}")
