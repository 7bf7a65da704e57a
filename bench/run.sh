#!/usr/bin/env bash
# Benchmark harness: handbook vs Hugo (+ Pagefind) vs Zensical vs the cmark + cp floor.
#
#   make bench                          # N="1000 10000" RUNS=3
#   N="1000" RUNS=1 bash bench/run.sh   # quick
#
# Environment:
#   N           corpus sizes (articles), space separated   default "1000 10000"
#   RUNS        timed runs per tool and size (median)      default 3
#   SEED        corpus seed                                 default 42
#   TOOLS       subset of: ours hugo pagefind zensical cmark cp   default all
#   SKIP_BUILD  1 = don't run `swift build` (use the binary as is)
#   HANDBOOK    generator binary            default .build/release/handbook
#   THEME       theme folder                default Theme
#   CONFIG      settings file for our builds  default none: the defaults (offline formats off)
#   REPORT      Markdown report to write    default BENCHMARKS.md (repo root)
#   KEEP        1 = don't delete previous runs' folders at the end
#   SERVE_EDITS articles edited under `handbook serve` per size  default 5
#   BENCH_VENV  Pagefind + Zensical venv    default /var/tmp/bench-venv
#   ZENSICAL_VERSION  pip pin for Zensical     default 0.0.73
#   BENCH_CMD   command line to print in the report (bench.mk sets it)
#   (query times and the relevance figures use headless Chromium from .build/browser-venv,
#   installed by scripts/install-browser-deps.sh as for `make browser-deps`)
#
# Method (also written into the report):
#   * Every tool, every run writes into a FRESH folder under
#     bench/out/run-<id>/ (disks here are noisy and deleting large trees slows
#     file creation for minutes). Old runs are deleted only at the very end, in
#     the background, after all timings (KEEP=1 to keep them).
#   * Runs are interleaved (ours, hugo, cp, pagefind, zensical, cmark, cmark-cli; then
#     again) so background noise hits every tool alike; `sync` precedes each
#     timed command; inputs are warm in the page cache (just generated).
#   * /usr/bin/time -f "%e %U %S %M": wall, user, sys, peak RSS (KB, max over
#     the process tree). The report uses the median wall and median user+sys of
#     RUNS runs and the maximum peak RSS.
#   * All ratios are computed from measurements of this same run.
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
N_LIST=${N:-"1000 10000"}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
TOOLS=${TOOLS:-"ours hugo pagefind zensical cmark cp"}
SKIP_BUILD=${SKIP_BUILD:-0}
HANDBOOK=${HANDBOOK:-$ROOT/.build/release/handbook}
THEME=${THEME:-$ROOT/Theme}
# Settings for our builds: by default the corpus's own handbook.yml, which sets nothing, so the
# defaults apply (offline formats off), as for any folder of Markdown, whatever folder the bench
# runs from. CONFIG=handbook.yml measures with this handbook's settings (offline on).
CONFIG=${CONFIG:-}
REPORT=${REPORT:-$ROOT/BENCHMARKS.md}
KEEP=${KEEP:-0}
SERVE_EDITS=${SERVE_EDITS:-5}
VENV=${BENCH_VENV:-/var/tmp/bench-venv}
ZENSICAL_VERSION=${ZENSICAL_VERSION:-0.0.73}
BENCH_CMD=${BENCH_CMD:-"N=\"$N_LIST\" RUNS=$RUNS bash bench/run.sh"}
# Headless Chromium through selenium, for query times and the relevance test (make browser-deps).
BROWSER_VENV=$ROOT/.build/browser-venv
export SEARCH_BYTES_PYTHON=$BROWSER_VENV/bin/python
OUT_BASE=$BENCH_DIR/out
RUN_ID=$(date +%Y%m%d-%H%M%S)-$$
RUN_DIR=$OUT_BASE/run-$RUN_ID
JSONL=$RUN_DIR/measurements.jsonl
TIME=/usr/bin/time

# The real interpreter: a pyenv shim in front of python3 costs ~0.1 s per start,
# which would be charged to the cmark floor.
PY=$(python3 -c 'import sys; print(sys.executable)')
mkdir -p "$RUN_DIR"
: >"$JSONL"

log() { echo "[bench $(date +%T)] $*" >&2; }
want() { [[ " $TOOLS " == *" $1 "* ]]; }
jstr() { python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"; }
emit() { printf '%s\n' "$1" >>"$JSONL"; }
# info TOOL N KEY JSON_VALUE
info() { emit "{\"type\":\"info\",\"tool\":\"$1\",\"n\":$2,\"key\":\"$3\",\"value\":$4}"; }
# tree_stats DIR [EXCLUDE_SUBDIR] -> "files bytes html_pages"
tree_stats() {
    local d=$1 ex=${2:-}
    if [[ ! -d $d ]]; then echo "0 0 0"; return; fi
    if [[ -n $ex ]]; then
        find "$d" -path "$d/$ex" -prune -o -type f -printf '%s %f\n'
    else
        find "$d" -type f -printf '%s %f\n'
    fi | awk '{n++; b+=$1; if ($2 ~ /\.html$/) h++} END {printf "%d %d %d\n", n, b, h}'
}
# timed TIMEFILE OUTFILE ERRFILE CMD... ; returns the command's status
timed() {
    local tf=$1 so=$2 se=$3
    shift 3
    sync
    cut -d' ' -f1 /proc/loadavg >"$tf.load"
    "$TIME" -f "%e %U %S %M" -o "$tf" "$@" >"$so" 2>"$se"
}
# record TOOL N RUN TIMEFILE [EXTRA_JSON_FIELDS]
record() {
    local e u s m load
    read -r e u s m < <(tail -n 1 "$4")
    load=$(cat "$4.load" 2>/dev/null || echo null)
    emit "{\"type\":\"run\",\"tool\":\"$1\",\"n\":$2,\"run\":$3,\"wall\":$e,\"user\":$u,\"sys\":$s,\"rss_kb\":$m,\"load1\":$load${5:-}}"
    log "  $1 n=$2 run $3: ${e}s wall, $(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')s cpu, $((m / 1024)) MB"
}

# ---------------------------------------------------------------- tools
ensure_tools() {
    local missing=()
    command -v hugo >/dev/null || missing+=(hugo)
    command -v cmark >/dev/null || missing+=(cmark)
    [[ -x $TIME ]] || missing+=(time)
    python3 -c 'import ctypes.util,sys; sys.exit(0 if ctypes.util.find_library("cmark") else 1)' ||
        missing+=(libcmark-dev)
    if ((${#missing[@]})); then
        log "installing ${missing[*]} with apt-get"
        if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
                log "apt-get install failed"
        else
            log "cannot install (need root + apt-get): ${missing[*]}"
        fi
    fi
    [[ -x $TIME ]] || { log "FATAL: $TIME missing (Debian package 'time')"; exit 1; }
    if want pagefind && ! "$VENV/bin/python" -m pagefind --version >/dev/null 2>&1; then
        log "installing Pagefind into $VENV"
        { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q 'pagefind[bin]'; } >&2 ||
            log "Pagefind install failed"
    fi
    if want zensical && [[ $("$VENV/bin/zensical" --version 2>/dev/null) != *"$ZENSICAL_VERSION"* ]]; then
        log "installing Zensical $ZENSICAL_VERSION into $VENV"
        { [[ -x $VENV/bin/pip ]] || python3 -m venv "$VENV"; } >&2 &&
            "$VENV/bin/pip" install -q "zensical==$ZENSICAL_VERSION" >&2 ||
            log "Zensical install failed"
    fi
    if want ours; then
        (cd "$ROOT" && scripts/install-browser-deps.sh "$BROWSER_VENV") >&2 ||
            log "browser tools install failed: no query times in Chromium, no relevance figures"
    fi
}

# ---------------------------------------------------------------- setup
ensure_tools
log "run folder: $RUN_DIR"

OURS_STATUS=ok
OURS_NOTE=""
TIMINGS_FLAG=--timings
if want ours; then
    if [[ $SKIP_BUILD != 1 ]]; then
        log "swift build -c release --product handbook (log: $RUN_DIR/swift-build.log)"
        if ! (cd "$ROOT" && swift build -c release --product handbook) >"$RUN_DIR/swift-build.log" 2>&1; then
            OURS_STATUS=missing
            OURS_NOTE="swift build failed: $(grep -m1 -E 'error:' "$RUN_DIR/swift-build.log" | cut -c1-200)"
        fi
    fi
    if [[ $OURS_STATUS == ok && ! -x $HANDBOOK ]]; then
        OURS_STATUS=missing
        OURS_NOTE="no binary at ${HANDBOOK#"$ROOT/"}"
    fi
    if [[ $OURS_STATUS == ok ]]; then
        help=$("$HANDBOOK" build --help 2>&1)
        if [[ $? != 0 ]]; then
            OURS_STATUS=missing
            OURS_NOTE="\`handbook build\` not available: $(head -n1 <<<"$help" | cut -c1-200)"
        elif ! grep -q -- '--timings' <<<"$help"; then
            TIMINGS_FLAG=""
            OURS_NOTE="\`build --timings\` not available: no stage breakdown"
        fi
    fi
    [[ $OURS_STATUS == ok ]] || log "handbook: $OURS_STATUS ($OURS_NOTE); measuring the other tools only"
else
    OURS_STATUS=skipped
fi
info ours 0 status "$(jstr "$OURS_STATUS")"
info ours 0 note "$(jstr "$OURS_NOTE")"

# Machine and versions.
ver() { "$@" 2>&1 | head -n 1; }
info machine 0 nproc "$(nproc)"
info machine 0 free "$(jstr "$(free -h)")"
info machine 0 cpu "$(jstr "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')")"
info machine 0 kernel "$(jstr "$(uname -sr)")"
info machine 0 os "$(jstr "$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")")"
info machine 0 loadavg_start "$(jstr "$(cut -d' ' -f1-3 /proc/loadavg)")"
info version 0 swift "$(jstr "$(ver swift --version)")"
info version 0 hugo "$(jstr "$(ver hugo version)")"
info version 0 pagefind "$(jstr "$(ver "$VENV/bin/python" -m pagefind --version)")"
if want zensical; then
    info version 0 zensical "$(jstr "$(ver "$VENV/bin/zensical" --version)")"
fi
info version 0 cmark "$(jstr "$(ver cmark --version)")"
info version 0 python "$(jstr "$(ver python3 --version)")"
if [[ $OURS_STATUS == ok ]]; then
    info version 0 handbook "$(jstr "$(ver "$HANDBOOK" --version)")"
fi
info meta 0 command "$(jstr "$BENCH_CMD")"
info meta 0 date "$(jstr "$(date -u +%Y-%m-%dT%H:%M:%SZ)")"
info meta 0 commit "$(jstr "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)")"
info meta 0 runs "$RUNS"
info meta 0 seed "$SEED"
info meta 0 run_dir "$(jstr "${RUN_DIR#"$ROOT/"}")"

# ---------------------------------------------------------------- sizes
for n in $N_LIST; do
    C=$RUN_DIR/corpus-$n
    W=$RUN_DIR/n$n
    mkdir -p "$W"
    log "N=$n: generating corpus"
    if ! "$PY" "$BENCH_DIR/gen_corpus.py" "$n" "$C" --seed "$SEED" >/dev/null; then
        log "corpus generation failed for N=$n"
        continue
    fi
    # Our builds' settings: none, so the defaults apply (see CONFIG above).
    printf '# The bench corpus sets nothing: the defaults apply (offline formats off).\n' >"$C/handbook.yml"
    cfg=${CONFIG:-$C/handbook.yml}
    emit "{\"type\":\"corpus\",\"n\":$n,\"stats\":$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$C/corpus.json")}"
    sync

    ours_ok=$([[ $OURS_STATUS == ok ]] && echo 1 || echo 0)
    last_ours="" last_hugo="" last_zensical=""
    for i in $(seq 1 "$RUNS"); do
        # -- ours
        if want ours && ((ours_ok)); then
            O=$W/ours-$i
            timed "$W/ours-$i.time" "$W/ours-$i.out" "$W/ours-$i.err" \
                "$HANDBOOK" build --content "$C/Content" --theme "$THEME" --config "$cfg" --output "$O" $TIMINGS_FLAG
            rc=$?
            if ((rc != 0)) && [[ -n $TIMINGS_FLAG ]] && grep -q -- '--timings' "$W/ours-$i.err"; then
                TIMINGS_FLAG=""
                OURS_NOTE="\`build --timings\` rejected: no stage breakdown"
                O=$W/ours-$i-b
                timed "$W/ours-$i.time" "$W/ours-$i.out" "$W/ours-$i.err" \
                    "$HANDBOOK" build --content "$C/Content" --theme "$THEME" --config "$cfg" --output "$O"
                rc=$?
            fi
            if ((rc == 0)); then
                # "timing <stage name, may contain spaces> <seconds>"
                stages=$(awk '$1 == "timing" && NF >= 3 && $NF ~ /^[0-9.eE+-]+$/ {
                    name = $2; for (f = 3; f < NF; f++) name = name " " $f
                    printf "%s\"%s\":%s", sep, name, $NF; sep = ","
                }' "$W/ours-$i.err")
                record ours "$n" "$i" "$W/ours-$i.time" ",\"timings\":{$stages}"
                last_ours=$O
            else
                ours_ok=0
                msg="exit $rc: $(grep -v '^timing ' "$W/ours-$i.err" | grep -v 'Command exited' | tail -n 3 | tr '\n' ' ' | cut -c1-300)"
                info ours "$n" error "$(jstr "$msg")"
                log "  ours n=$n FAILED ($msg)"
            fi
        fi
        # -- hugo
        if want hugo || want pagefind; then
            H=$W/hugo-$i
            if timed "$W/hugo-$i.time" "$W/hugo-$i.out" "$W/hugo-$i.err" hugo --quiet -s "$C/hugo" -d "$H"; then
                record hugo "$n" "$i" "$W/hugo-$i.time"
                last_hugo=$H
                if ((i == 1)); then
                    read -r f b h < <(tree_stats "$H")
                    info hugo "$n" output "{\"files\":$f,\"bytes\":$b,\"html_pages\":$h}"
                fi
            else
                info hugo "$n" error "$(jstr "$(tail -n 3 "$W/hugo-$i.err" | tr '\n' ' ' | cut -c1-300)")"
                log "  hugo n=$n FAILED"
            fi
        fi
        # -- cp -r of Hugo's output, the floor's fixed reference: what a generator that writes
        #    what Hugo writes must at least copy (ours as a stand-in when Hugo is missing);
        #    before Pagefind writes into Hugo's folder.
        if want cp; then
            src=""
            if [[ -n $last_hugo && -d $last_hugo ]]; then
                src=$last_hugo
                what=hugo
            elif [[ -n $last_ours && -d $last_ours ]]; then
                src=$last_ours
                what=ours
            fi
            if [[ -n $src ]]; then
                if timed "$W/cp-$i.time" /dev/null "$W/cp-$i.err" cp -r "$src" "$W/cp-$i"; then
                    record cp "$n" "$i" "$W/cp-$i.time" ",\"source\":\"$what\""
                fi
            fi
        fi
        # -- pagefind on Hugo's output
        if want pagefind && [[ -n $last_hugo && -d $last_hugo && ! -d $last_hugo/pagefind ]]; then
            if timed "$W/pagefind-$i.time" "$W/pagefind-$i.out" "$W/pagefind-$i.err" \
                "$VENV/bin/python" -m pagefind --site "$last_hugo"; then
                record pagefind "$n" "$i" "$W/pagefind-$i.time"
            else
                info pagefind "$n" error "$(jstr "$(tail -n 3 "$W/pagefind-$i.err" | tr '\n' ' ' | cut -c1-300)")"
                log "  pagefind n=$n FAILED"
            fi
        fi
        # -- zensical: the project must hold docs_dir and site_dir, so each run gets
        #    its own config with a fresh site-<i>, and the previous run's cache is
        #    moved aside (not deleted) so every build starts cold.
        if want zensical && [[ -f $C/zensical/zensical.toml ]]; then
            Z=$C/zensical
            [[ -d $Z/.cache ]] && mv "$Z/.cache" "$W/zensical-$i.prev-cache"
            sed "s/^\[project\]\$/[project]\nsite_dir = \"site-$i\"/" "$Z/zensical.toml" >"$Z/run-$i.toml"
            if timed "$W/zensical-$i.time" "$W/zensical-$i.out" "$W/zensical-$i.err" \
                "$VENV/bin/zensical" build -f "$Z/run-$i.toml"; then
                record zensical "$n" "$i" "$W/zensical-$i.time"
                last_zensical=$Z/site-$i
                if ((i == 1)); then
                    read -r f b h < <(tree_stats "$last_zensical")
                    # Its search index: search.json (every page's text) + the search worker script.
                    read -r sf sb _ < <(find "$last_zensical" -maxdepth 1 -name 'search*.json' -printf '%s x\n' | awk '{n++; b+=$1} END {print n+0, b+0}')
                    wb=$(find "$last_zensical/assets" -path '*workers/search*.js' -printf '%s\n' 2>/dev/null | awk '{b+=$1} END {print b+0}')
                    info zensical "$n" output "{\"files\":$f,\"bytes\":$b,\"html_pages\":$h,\"search_files\":$sf,\"search_bytes\":$sb,\"search_worker_bytes\":$wb}"
                fi
            else
                info zensical "$n" error "$(jstr "$(grep -v 'Command exited' "$W/zensical-$i.err" "$W/zensical-$i.out" -h | tail -n 3 | tr '\n' ' ' | sed "s#$RUN_DIR/##g" | cut -c1-300)")"
                log "  zensical n=$n FAILED"
            fi
        elif want zensical && ((i == 1)); then
            info zensical "$n" error "$(jstr "no Zensical project in the corpus")"
        fi
        # -- cmark: libcmark in one process (the floor), and the CLI via xargs
        if want cmark; then
            if timed "$W/cmark-$i.time" "$W/cmark-$i.out" "$W/cmark-$i.err" \
                "$PY" "$BENCH_DIR/cmark_floor.py" "$C/Content"; then
                record cmark "$n" "$i" "$W/cmark-$i.time"
            else
                info cmark "$n" error "$(jstr "$(tail -n 2 "$W/cmark-$i.err" | tr '\n' ' ')")"
            fi
            if timed "$W/cmarkcli-$i.time" /dev/null "$W/cmarkcli-$i.err" bash -c \
                'find "$1" -mindepth 2 -name "*.md" ! -name _index.md -print0 | xargs -0 cmark >/dev/null' _ "$C/Content"; then
                record cmark_cli "$n" "$i" "$W/cmarkcli-$i.time"
            fi
        fi
    done

    # -- sizes and search bytes (outside the timings)
    common=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["common_word"])' "$C/corpus.json")
    rare=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rare_word"] or "")' "$C/corpus.json")
    if [[ -n $last_ours ]]; then
        read -r f b h < <(tree_stats "$last_ours")
        if [[ -d $last_ours/search ]]; then
            read -r sf sb _ < <(tree_stats "$last_ours/search")
        else
            sf=null sb=null
        fi
        info ours "$n" output "{\"files\":$f,\"bytes\":$b,\"html_pages\":$h,\"search_files\":$sf,\"search_bytes\":$sb}"
        for kind in common rare; do
            word=${!kind}
            [[ -n $word ]] || continue
            info ours "$n" "query_$kind" "$(python3 "$BENCH_DIR/search_bytes.py" "$last_ours" "$word" --json)"
        done
        # -- handbook serve: an edited article rebuilt and served (edits are undone)
        log "  serve: editing $SERVE_EDITS articles of $n"
        if serve=$(python3 "$BENCH_DIR/serve_edit.py" "$HANDBOOK" "$C/Content" "$THEME" "$W/serve-out" \
            --config="$cfg" --edits="$SERVE_EDITS" --json 2>"$W/serve.err"); then
            info ours "$n" serve_edit "$serve"
        else
            info ours "$n" serve_edit_error "$(jstr "$(tail -n 3 "$W/serve.err" | tr '\n' ' ' | cut -c1-300)")"
        fi
    fi
    if [[ -n $last_hugo && -d $last_hugo/pagefind ]]; then
        P=$last_hugo/pagefind
        read -r f b _ < <(tree_stats "$P")
        # "Index" = what pagefind.js needs: everything except the optional UI bundles.
        core=$(find "$P" -type f ! -name 'pagefind-*ui*' ! -name 'pagefind-highlight.js' -printf '%s\n' | awk '{b+=$1} END {print b+0}')
        info pagefind "$n" output "{\"files\":$f,\"bytes\":$b,\"index_bytes\":$core,\"words_indexed\":$(grep -oE 'Indexed [0-9]+ words' "$W/pagefind-1.out" 2>/dev/null | grep -oE '[0-9]+' || echo null)}"
        for kind in common rare; do
            word=${!kind}
            [[ -n $word ]] || continue
            info pagefind "$n" "query_$kind" "$(python3 "$BENCH_DIR/pagefind_bytes.py" "$P" "$word" --json)"
        done
    fi
done
# -- search relevance: the handbook's own content, searched in headless Chromium
if want ours && [[ -x $HANDBOOK ]]; then
    log "relevance: building the handbook and typing its reader queries into search.html"
    if [[ -x $BROWSER_VENV/bin/python ]] &&
        (cd "$ROOT" && "$HANDBOOK" build --output "$RUN_DIR/handbook-site") >"$RUN_DIR/handbook-site.log" 2>&1 &&
        (cd "$ROOT" && RELEVANCE_REPORT="$RUN_DIR/relevance" HANDBOOK_SITE="$RUN_DIR/handbook-site" HANDBOOK_BINARY="$HANDBOOK" \
            "$BROWSER_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/Browser/test_relevance.py -k "not before") \
            >"$RUN_DIR/relevance.log" 2>&1; then
        :
    else
        log "relevance: the test failed (see ${RUN_DIR#"$ROOT/"}/relevance.log); figures recorded if measured"
    fi
    if [[ -f $RUN_DIR/relevance.file.json ]]; then
        info ours 0 relevance "$(python3 -c '
import json, sys
figures = {}
for scheme in ("file", "http"):
    try:
        report = json.load(open(sys.argv[1] + "." + scheme + ".json"))
    except OSError:
        continue
    figures[scheme] = {key: report[key] for key in ("queries", "top1", "top3", "mrr")}
print(json.dumps(figures))' "$RUN_DIR/relevance")"
    fi
fi
info machine 0 loadavg_end "$(jstr "$(cut -d' ' -f1-3 /proc/loadavg)")"
info ours 0 note_final "$(jstr "$OURS_NOTE")"

# ---------------------------------------------------------------- results
python3 - "$JSONL" "$RUN_DIR/results.json" <<'EOF'
import json, sys
res = {"meta": {}, "machine": {}, "versions": {}, "sizes": {}, "ours": {}}
for line in open(sys.argv[1]):
    r = json.loads(line)
    n = str(r.get("n", 0))
    if r["type"] == "corpus":
        res["sizes"].setdefault(n, {})["corpus"] = r["stats"]
    elif r["type"] == "run":
        t = res["sizes"].setdefault(n, {}).setdefault("tools", {}).setdefault(r["tool"], {})
        t.setdefault("runs", []).append({k: v for k, v in r.items() if k not in ("type", "tool", "n")})
    elif r["type"] == "info":
        if r["n"] == 0:
            group = {"machine": "machine", "version": "versions", "meta": "meta", "ours": "ours"}[r["tool"]]
            res[group][r["key"]] = r["value"]
        else:
            t = res["sizes"].setdefault(n, {}).setdefault("tools", {}).setdefault(r["tool"], {})
            t[r["key"]] = r["value"]
json.dump(res, open(sys.argv[2], "w"), indent=1)
EOF
cp "$RUN_DIR/results.json" "$OUT_BASE/latest-results.json"
log "results: ${RUN_DIR#"$ROOT/"}/results.json"
python3 "$BENCH_DIR/report.py" "$RUN_DIR/results.json" --output "$REPORT" && log "report: $REPORT"

# ---------------------------------------------------------------- cleanup
# Only now, after every timing: delete previous runs in the background.
if [[ $KEEP != 1 ]]; then
    old=()
    for d in "$OUT_BASE"/run-*; do
        [[ -d $d && $d != "$RUN_DIR" ]] && old+=("$d")
    done
    if ((${#old[@]})); then
        log "deleting ${#old[@]} previous run folder(s) in the background"
        nohup rm -rf "${old[@]}" >/dev/null 2>&1 &
    fi
fi
