#!/usr/bin/env bash
# Fuzzes everything that reads untrusted text: front matter, Markdown, link rewriting and
# checking, and the search index (see fuzz/FuzzTarget.swift), with libFuzzer and
# AddressSanitizer, for a fixed time.
#
#   scripts/fuzz.sh [seconds]     default 60; `make fuzz SECONDS=600` for a longer run
#
# The target is compiled straight from the module sources into .build/fuzz (rebuilt when a
# source changed), seeded with the handbook's own Content/ and the hostile-input fixtures, and
# keeps the corpus it grows in .build/fuzz/corpus for the next run. It exits non-zero on any
# crash, leak, timeout or violated property; the input that caused it is saved as
# .build/fuzz/artifacts/crash-… (or leak-…, timeout-…), and `.build/fuzz/handbook-fuzz FILE`
# replays it.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

out=.build/fuzz
swift_bin="$(dirname "$(readlink -f "$(command -v swift)")")"
swiftc="$swift_bin/swiftc"
clang="$swift_bin/clang"
yams=.build/checkouts/Yams/Sources
toml=.build/checkouts/TOMLKit/Sources
[ -d "$yams" ] && [ -d "$toml" ] || swift package resolve >/dev/null
cmark_flags=($(pkg-config --cflags libcmark 2>/dev/null || true))
cmark_libs=($(pkg-config --libs libcmark 2>/dev/null || echo -lcmark))

sources=(Sources/Parallel/*.swift Sources/RawDeflate/*.swift Sources/Markdown/*.swift Sources/KnowledgeBase/*.swift Sources/SearchIndex/*.swift
         fuzz/FuzzTarget.swift Tests/TestSupport/HTMLTags.swift Sources/Ccmark/* Sources/Clibdeflate/*)
binary="$out/handbook-fuzz"

build() {
  rm -rf "$out/modules" "$out/obj"
  mkdir -p "$out/modules" "$out/obj"
  local sanitize=(-sanitize=fuzzer,address)
  local swift6=(-swift-version 6 -enable-upcoming-feature ExistentialAny -enable-testing)
  local common=(-O -g -parse-as-library -wmo "${sanitize[@]}" -I "$out/modules"
                -I "$yams/CYaml/include" -Xcc -DYAML_DECLARE_STATIC -I Sources/Ccmark -I "$toml/CTOML/include/CTOML" -I Sources/Clibdeflate)
  for flag in "${cmark_flags[@]}"; do common+=(-Xcc "$flag"); done

  echo "Building the fuzz target into $out…"
  for file in "$yams"/CYaml/src/*.c; do
    "$clang" -c -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" \
      "$file" -o "$out/obj/cyaml-$(basename "$file" .c).o"
  done
  # TOMLKit's C API over toml++, in C++.
  for file in "$toml"/CTOML/Sources/*.cpp; do
    local name; name="$(basename "$file" .cpp | tr -c 'A-Za-z0-9\n' '-')"
    "$clang" -x c++ -std=c++17 -c -O1 -g -fsanitize=fuzzer-no-link,address -DTOML_EXCEPTIONS=1 \
      -Wno-deprecated-literal-operator -I "$toml/CTOML/include" -I "$toml/CTOML/include/CTOML" "$file" -o "$out/obj/ctoml-$name.o"
  done
  # module name, Swift flags, sources
  module() {
    local name="$1"; shift
    local -a flags=()
    while [ "$1" != "--" ]; do flags+=("$1"); shift; done
    shift
    "$swiftc" "${common[@]}" "${flags[@]}" -module-name "$name" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" \
      -emit-object -o "$out/obj/$name.o" "$@"
  }
  module Yams -swift-version 5 -D SWIFT_PACKAGE -- "$yams"/Yams/*.swift
  local -a toml_sources=()
  mapfile -d '' toml_sources < <(find "$toml/TOMLKit" -name '*.swift' -print0 | sort -z)
  module TOMLKit -swift-version 5 -- "${toml_sources[@]}"
  module Parallel "${swift6[@]}" -- Sources/Parallel/*.swift
  module RawDeflate "${swift6[@]}" -- Sources/RawDeflate/*.swift
  module Markdown "${swift6[@]}" -- Sources/Markdown/*.swift
  module KnowledgeBase "${swift6[@]}" -- Sources/KnowledgeBase/*.swift
  module SearchIndex "${swift6[@]}" -- Sources/SearchIndex/*.swift
  "$swiftc" "${common[@]}" "${swift6[@]}" -module-name HandbookFuzz fuzz/FuzzTarget.swift Tests/TestSupport/HTMLTags.swift \
    "$out"/obj/*.o "${cmark_libs[@]}" -ldeflate -lstdc++ -use-ld=lld -o "$binary"
}

stale=0
if [ ! -x "$binary" ]; then
  stale=1
else
  for file in "${sources[@]}" scripts/fuzz.sh; do
    if [ "$file" -nt "$binary" ]; then stale=1; break; fi
  done
fi
if [ "$stale" = 1 ]; then build; fi

# Seeds: the handbook's articles and the hostile fixtures (front matter, Markdown, YAML).
seeds="$out/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$out/corpus" "$out/artifacts"
n=0
while IFS= read -r -d '' file; do
  n=$((n + 1))
  cp "$file" "$seeds/seed-$n"
done < <(find Content Tests/HandbookTests/Fixtures/hostile -type f \( -name '*.md' -o -name '*.yml' \) -size -64k -print0 | sort -z)

# Two phases: fuzzing with leak detection off (a leak check after every input would cut the
# speed fivefold), then every input of the grown corpus once more with leak detection on.
fuzz_seconds=$(( seconds * 3 / 4 > 1 ? seconds * 3 / 4 : 1 ))
leak_seconds=$(( seconds - fuzz_seconds > 1 ? seconds - fuzz_seconds : 1 ))
echo "Fuzzing for $fuzz_seconds s with $n seed files, then checking the corpus for leaks…"
export ASAN_OPTIONS="abort_on_error=0:symbolize=1"
# libFuzzer reports crashes itself; Swift's backtracer would only trip over ASan.
export SWIFT_BACKTRACE="enable=no"
set +e
"$binary" "$out/corpus" "$seeds" -detect_leaks=0 \
  -max_total_time="$fuzz_seconds" -timeout=20 -rss_limit_mb=4096 -max_len=4096 \
  -artifact_prefix="$out/artifacts/" -print_final_stats=1 2>"$out/last-run.log"
status=$?
if [ "$status" -eq 0 ]; then
  # Newest inputs first, in batches, until the time is up; each batch is one process, so a
  # leak is also caught by the check at exit.
  deadline=$(( $(date +%s) + leak_seconds ))
  mapfile -t inputs < <(ls -t "$out/corpus")
  checked=0
  for ((i = 0; i < ${#inputs[@]}; i += 20)); do
    [ "$(date +%s)" -lt "$deadline" ] || break
    batch=("${inputs[@]:i:20}")
    ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=1" "$binary" -detect_leaks=1 -timeout=20 -rss_limit_mb=4096 \
      -artifact_prefix="$out/artifacts/" "${batch[@]/#/$out/corpus/}" >>"$out/last-run.log" 2>&1 || { status=$?; break; }
    checked=$(( checked + ${#batch[@]} ))
  done
  echo "Leak check: $checked of ${#inputs[@]} corpus inputs run with leak detection." | tee -a "$out/last-run.log"
fi
set -e
grep -E "^(#[0-9]+\s+(DONE|INITED)|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|fuzz property violated|Done )" "$out/last-run.log" || true
if [ "$status" -ne 0 ]; then
  echo "error: the fuzzer found a problem (exit $status); see $out/last-run.log and $out/artifacts/" >&2
  tail -40 "$out/last-run.log" >&2
  exit 1
fi
echo "fuzz: no crash, leak, timeout or violated property in $seconds s (log: $out/last-run.log)"
