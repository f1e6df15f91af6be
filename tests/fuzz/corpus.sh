#!/usr/bin/env bash
# Builds the seed corpus of one fuzzer at run time: corpus.sh NAME DIR SEEDS_DIR
# (used by `make fuzz`; DIR is under build/, never in the source tree).  Sources:
# tests/fuzz/NAME.seeds (one escaped snippet a line), tests/fuzz/regress/NAME/*, and
# per fuzzer: the seed texts whole and in pieces (parse), the bundled data files
# (data), the test server's fixtures (csl), any *.bib under tests/ (bibtex).
set -eu
name=$1 dir=$2 seeds=${3:-../shared/seeds}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$dir"
n=0
add() { cp "$1" "$dir/seed-$2"; n=$((n + 1)); }

if [ -f "$here/$name.seeds" ]; then
  i=0
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in ''|'#'*) continue ;; esac
    i=$((i + 1))
    printf '%b' "$line" > "$dir/seed-line-$i"; n=$((n + 1))
  done < "$here/$name.seeds"
fi
for f in "$here/regress/${name#fuzz_}"/*; do [ -f "$f" ] && add "$f" "regress-$(basename "$f")"; done

case $name in
fuzz_parse)
  for f in "$seeds"/*.txt; do
    [ -f "$f" ] || continue
    b=$(basename "$f" .txt)
    add "$f" "text-$b"
    tmp=$(mktemp -d)
    split -l 40 -d "$f" "$tmp/part-"
    for p in "$tmp"/part-*; do add "$p" "text-$b-$(basename "$p")"; done
    rm -rf "$tmp"
  done ;;
fuzz_extract)
  for f in "$seeds"/*.txt "$seeds"/../corpus/pmc-dev/PMC1*.txt "$seeds"/../corpus/pmc-dev/PMC4*.txt; do
    [ -f "$f" ] || continue
    { printf '\003'; cat "$f"; } > "$dir/seed-text-$(basename "$f")"; n=$((n + 1))
  done ;;
fuzz_data)
  for f in "$root"/plugin/data/*.json; do [ -f "$f" ] && add "$f" "data-$(basename "$f")"; done ;;
fuzz_csl)
  for f in "$root"/tests/server/fixtures/*; do
    [ -f "$f" ] || continue
    case $(basename "$f") in
      *esummary*|*pubmed*|*pmid*) sel=1 ;;
      *query*|*search*|*bibliographic*) sel=2 ;;
      *) sel=0 ;;
    esac
    { printf '%s' "$sel"; cat "$f"; } > "$dir/seed-fixture-$(basename "$f")"; n=$((n + 1))
  done ;;
fuzz_bibtex)
  while IFS= read -r f; do
    { printf '0'; cat "$f"; } > "$dir/seed-bib-$(basename "$f")"; n=$((n + 1))
  done < <(find "$root/tests" -name '*.bib' -type f 2>/dev/null) ;;
esac
echo "corpus: $name: $n seed inputs, $(ls "$dir" | wc -l) in $dir"
