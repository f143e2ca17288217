#!/usr/bin/env bash
# `mtafit measure` against the tools a user would reach for instead, on one generated Postfix
# log, in one hyperfine run; then peak memory at 1 GB and at 4 GB.
#
#   bash benches/measure.sh            # 1 GB and 4 GB logs under target/bench-logs
#   SIZE=2G BIG=8G bash benches/measure.sh
#   RUNS=5 bash benches/measure.sh     # hyperfine runs per command (pflogsumm included)
#
# Needs hyperfine, ripgrep, GNU grep, pflogsumm and GNU time (Debian: apt-get install
# hyperfine ripgrep pflogsumm time). Results go to stdout and target/bench-measure.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-1G}
BIG=${BIG:-4G}
RUNS=${RUNS:-3}
DIR=${DIR:-target/bench-logs}
OUT=target/bench-measure.md

for tool in hyperfine rg grep pflogsumm /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "benches/measure.sh: $tool is missing (Debian: apt-get install hyperfine ripgrep pflogsumm time)" >&2
        exit 1
    fi
done

cargo build --release --quiet
cargo build --release --quiet --example genlog
MTAFIT=$PWD/target/release/mtafit
GENLOG=$PWD/target/release/examples/genlog
mkdir -p "$DIR"
LOG=$DIR/postfix-$SIZE.log
BIGLOG=$DIR/postfix-$BIG.log
# The same seed gives the same bytes, so an existing file is reused.
[ -s "$LOG" ] || "$GENLOG" --format postfix --size "$SIZE" --seed 1 -o "$LOG" --truth "$LOG.truth.json"
[ -s "$BIGLOG" ] || "$GENLOG" --format postfix --size "$BIG" --seed 2 -o "$BIGLOG" --truth "$BIGLOG.truth.json"

{
    echo "# measure benchmark, $(date -u +%Y-%m-%d)"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')."
    echo "Log: $LOG, $(stat -c %s "$LOG") bytes, $(wc -l <"$LOG") lines; file in the page cache."
    echo "Tools: $(rg --version | head -1), $(grep --version | head -1), pflogsumm $(dpkg-query -W -f '${Version}' pflogsumm 2>/dev/null || echo '?')."
    echo
    echo "## Counts (each tool's own idea of delivered)"
    echo
    echo "| Tool | Count |"
    echo "|---|---|"
    echo "| mtafit measure: sent (outbound, no filter hops or local) | $("$MTAFIT" measure "$LOG" --format json | sed -n 's/^  "sent": \([0-9]*\),/\1/p') |"
    echo "| generator's truth: sent | $(sed -n 's/^ *"sent": \([0-9]*\),*/\1/p' "$LOG.truth.json" | head -1) |"
    echo "| rg -c status=sent (every status=sent line) | $(rg -c status=sent "$LOG") |"
    echo "| grep -c status=sent | $(grep -c status=sent "$LOG") |"
    echo
} | tee "$OUT"

cat "$LOG" >/dev/null # warm the page cache
# --output=pipe: with /dev/null as output GNU grep stops at the first match (research §4).
hyperfine --warmup 1 --runs "$RUNS" --output=pipe --export-markdown "$DIR/hyperfine.md" \
    -n "mtafit measure (full report)" "$MTAFIT measure $LOG --format json" \
    -n "rg -c status=sent" "rg -c status=sent $LOG" \
    -n "grep -c status=sent" "grep -c status=sent $LOG" \
    -n "pflogsumm" "pflogsumm $LOG"
{
    echo "## Time ($RUNS runs after a warm-up, hyperfine)"
    echo
    cat "$DIR/hyperfine.md"
    echo
    echo "## Peak memory (GNU time, maximum resident set)"
    echo
    echo "| Command | Log | Peak RSS | Wall |"
    echo "|---|---|---|---|"
} | tee -a "$OUT"

peak() { # label, log, command...
    local label=$1 log=$2
    shift 2
    local report
    report=$( { /usr/bin/time -f '%M %e' "$@" >/dev/null; } 2>&1 | tail -1)
    printf '| %s | %s | %s MB | %s s |\n' "$label" "$(basename "$log")" \
        "$(awk '{printf "%.1f", $1/1024}' <<<"$report")" "$(cut -d' ' -f2 <<<"$report")" | tee -a "$OUT"
}
peak "mtafit measure" "$LOG" "$MTAFIT" measure "$LOG" --format json
peak "rg -c status=sent" "$LOG" rg -c status=sent "$LOG"
peak "pflogsumm" "$LOG" pflogsumm "$LOG"
cat "$BIGLOG" >/dev/null 2>&1 || true
peak "mtafit measure" "$BIGLOG" "$MTAFIT" measure "$BIGLOG" --format json
peak "rg -c status=sent" "$BIGLOG" rg -c status=sent "$BIGLOG"
echo | tee -a "$OUT"
echo "Written to $OUT."
