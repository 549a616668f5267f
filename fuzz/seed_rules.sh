#!/usr/bin/env bash
# Seeds the `rules` target's corpus: one input per rule file, its name
# relative to rules/ on the first line and its text after it.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/rules
(cd ../rules && find . -type f \( -name '*.toml' -o -name '*.tsv' -o -name '*.dat' \) | sed 's|^\./||') |
    while read -r name; do
        { printf '%s\n' "$name"; cat "../rules/$name"; } > "corpus/rules/${name//\//_}"
    done
