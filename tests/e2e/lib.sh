# lib.sh - shared helpers of the rolepress end-to-end tests.
#
# Every test script starts with
#
#     #!/usr/bin/env bash
#     set -euo pipefail
#     . "$(dirname "$0")/lib.sh"
#     e2e_init "$@"            # $1 = rolepress binary, $2 = source tree
#
# and then uses:
#
#   run ARGS...            runs rolepress ARGS; sets RC, and the files
#                          $RUN_OUT / $RUN_ERR hold stdout / stderr.  Never
#                          stops the script by itself.  RUN_CWD=DIR runs it
#                          in DIR (diagnostics then name paths as given).
#   assert_*               checks; on failure print a message naming the
#                          script, the check and the last command with its
#                          stdout/stderr, then exit 1.
#   pdf_* / xml_str / ...  readers built on poppler-utils, qpdf and xmllint.
#   case_run NAME FUNC     runs FUNC as an independent case in a subshell:
#                          when it fails, the script reports it, goes on
#                          with the next case and exits 1 at the end.
#
# $T is a fresh per-test scratch directory, removed on exit.  $SRC is the
# source tree, $ROLES its xml/roles, $FIX this directory's fixtures/.

# shellcheck disable=SC2034 # FIX, ROLES, ... are for the scripts
# shellcheck disable=SC2030,SC2031 # E2E_CASE is meant to be per subshell

E2E_NAME=$(basename "${0%.sh}")
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FIX="$E2E_DIR/fixtures"

e2e_init() {
    if [ $# -ne 2 ]; then
        echo "usage: $0 ROLEPRESS_BINARY SOURCE_DIR" >&2
        exit 2
    fi
    ROLEPRESS=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    SRC=$(cd "$2" && pwd)
    ROLES="$SRC/xml/roles"
    [ -x "$ROLEPRESS" ] || { echo "$E2E_NAME: not an executable: $ROLEPRESS" >&2; exit 2; }
    [ -d "$ROLES" ] || { echo "$E2E_NAME: no xml/roles in $SRC" >&2; exit 2; }
    local tool
    for tool in pdftotext pdfinfo pdffonts qpdf xmllint cmp; do
        command -v "$tool" >/dev/null || { echo "$E2E_NAME: $tool is not installed" >&2; exit 2; }
    done
    # Test the data (schemas, stylesheets, fonts) of this tree, in a
    # predictable environment.
    export ROLEPRESS_DATADIR="$SRC"
    export LC_ALL=C.UTF-8 TZ=UTC
    unset SOURCE_DATE_EPOCH
    T=$(mktemp -d "${TMPDIR:-/tmp}/rolepress-e2e-$E2E_NAME.XXXXXX")
    trap 'e2e_cleanup' EXIT
    RUN_OUT="$T/.run.out"
    RUN_ERR="$T/.run.err"
    RUN_CMD=""
    RC=""
    E2E_CASE=""
    E2E_FAILED=()
    : >"$T/.checks"
    hang_watch >/dev/null 2>&1 </dev/null &
    HANG_WATCH=$!
}

e2e_cleanup() {
    local rc=$? checks=0
    kill "${HANG_WATCH:-}" 2>/dev/null || true
    [ -f "${T:-}/.checks" ] && checks=$(wc -l <"$T/.checks")
    if [ -n "${T:-}" ] && [ -d "$T" ]; then
        chmod -R u+rwX "$T" 2>/dev/null || true
        rm -rf "$T"
    fi
    if [ $rc -eq 0 ] && [ ${#E2E_FAILED[@]} -gt 0 ]; then
        echo "FAIL $E2E_NAME: ${#E2E_FAILED[@]} case(s) failed: ${E2E_FAILED[*]} ($checks checks passed)" >&2
        rc=1
    elif [ $rc -eq 0 ]; then
        echo "PASS $E2E_NAME ($checks checks)"
    fi
    exit $rc
}

# case_run NAME FUNCTION [ARGS...]: one independent case.  It runs in a
# subshell with set -e; a failed assertion ends the case, not the script.
case_run() {
    local name=$1 rc
    shift
    set +e
    (
        set -e
        E2E_CASE=$name
        RUN_CMD=""
        "$@"
    )
    rc=$?
    set -e
    [ $rc -eq 0 ] || E2E_FAILED+=("$name")
    return 0
}

# ------------------------------------------------------------- running

# run ARGS...: rolepress ARGS, stdout/stderr captured, status in RC.
run() {
    RUN_CMD="rolepress $*"
    launch -- "$@"
}

# run_env NAME=VALUE... -- ARGS...: like run, with extra environment.
run_env() {
    local envs=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    RUN_CMD="${envs[*]} rolepress $*"
    launch "${envs[@]}" -- "$@"
}

# launch NAME=VALUE... -- ARGS...: rolepress ARGS with that environment,
# in $RUN_CWD if set; sets RC.  The outer redirection silences bash's own
# "Segmentation fault" report; a crash shows in RC and fail() names the
# signal.  $T/.running names the run for hang_watch.
launch() {
    local envs=() pid
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    [ -z "${RUN_CWD:-}" ] || RUN_CMD="(cd $RUN_CWD) $RUN_CMD"
    set +e
    {
        (
            if [ -n "${RUN_CWD:-}" ]; then cd "$RUN_CWD" || exit 125; fi
            for pid in "${envs[@]}"; do export "${pid?}"; done
            exec "$ROLEPRESS" "$@"
        ) >"$RUN_OUT" 2>"$RUN_ERR" </dev/null &
        pid=$!
        echo "$pid ${RP_HANG_SECONDS:-300}" >"$T/.running"
        wait "$pid"
    } 2>/dev/null
    RC=$?
    set -e
    run_ended
}

# run_ended: after a run registered in $T/.running (launch, or hostile's
# hrun): no run is going now, and a run hang_watch stopped fails the case
# with the stacks it took.
run_ended() {
    : >"$T/.running" # empty: no run (rm would cost a process a run)
    if [ -e "$T/.hang" ]; then
        local why
        why=$(cat "$T/.hang")
        rm -f "$T/.hang"
        fail "rolepress did not end: $why"
    fi
    return 0
}

# hang_watch: for the script's life, once a second.  A run still going
# after RP_HANG_SECONDS (300, some 50 times the longest run of the suite
# under the sanitizers) is taken to hang.  The stacks of its threads (gdb,
# where installed) go to $T/.hang, and it is stopped: its case then fails
# with them, where the script would otherwise be stopped by ctest's
# timeout with nothing to go on.  The run is rolepress itself, or a
# process (timeout) whose children are.
hang_watch() {
    local pid limit seen="" since=$SECONDS procs p
    while [ -d "$T" ] && sleep 1; do
        if ! read -r pid limit <"$T/.running"; then
            seen=""
        elif [ "$pid" != "$seen" ]; then
            seen=$pid
            since=$SECONDS
        elif [ $((SECONDS - since)) -ge "$limit" ]; then
            # (its children from /proc: procps may not be installed)
            procs=$(cat /proc/"$pid"/task/*/children 2>/dev/null || true)
            {
                echo "stopped after $((SECONDS - since))s; the stacks of its threads:"
                for p in ${procs:-$pid}; do
                    if command -v gdb >/dev/null; then
                        gdb -p "$p" -batch -ex "thread apply all bt" 2>&1 | grep -E '^(Thread|#)'
                    else
                        echo "(gdb is not installed)"
                    fi
                done
            } >"$T/.hang.part"
            mv "$T/.hang.part" "$T/.hang"
            # shellcheck disable=SC2086 # one pid a word
            kill -KILL $procs "$pid" 2>/dev/null || true
            seen=""
        fi
    done
}

# assert_hang_report STATUS OUTPUT STARTED: the case whose run (a
# stylesheet's transformation) hang_watch stopped failed at once, within
# 15 s of STARTED ($SECONDS), with the report and the stacks of
# rolepress's threads.
assert_hang_report() {
    local rc=$1 out=$2 started=$3
    assert_eq "$rc" 1 "status of a case whose run was stopped"
    [ $((SECONDS - started)) -lt 15 ] || fail "the run was not stopped: it ended after $((SECONDS - started)) s"
    grep -qE "rolepress did not end: stopped after [0-9]+s; the stacks of its threads:" <<<"$out" ||
        fail "no report of the stopped run: $(head -n 3 <<<"$out")"
    if command -v gdb >/dev/null; then
        grep -q '^Thread 1 ' <<<"$out" || fail "no stack in the report: $(head -n 5 <<<"$out")"
        grep -q 'xslt' <<<"$out" ||
            fail "the stacks are not rolepress's (no libxslt frame): $(grep -m 3 '^#' <<<"$out" | tr '\n' ' ')"
    fi
}

# ---------------------------------------------------------- reporting

# fail MESSAGE...: report and stop the test.
fail() {
    {
        echo "FAIL $E2E_NAME${E2E_CASE:+ [$E2E_CASE]}: $*"
        if [ -n "$RUN_CMD" ]; then
            echo "  last command: $RUN_CMD"
            echo "  exit status:  $RC$(signal_note "$RC")"
            if [ -s "$RUN_OUT" ]; then
                echo "  stdout:"
                head -n 20 "$RUN_OUT" | sed 's/^/    | /'
            fi
            if [ -s "$RUN_ERR" ]; then
                echo "  stderr:"
                head -n 20 "$RUN_ERR" | sed 's/^/    | /'
            fi
        fi
    } >&2
    exit 1
}

signal_note() {
    if [ -n "$1" ] && [ "$1" -gt 128 ] 2>/dev/null; then
        echo " (killed by signal $(($1 - 128)): rolepress crashed)"
    fi
}

# ok MESSAGE: count a passed check (printed for the ctest log).
ok() {
    echo "$*" >>"$T/.checks"
    echo "ok - ${E2E_CASE:+[$E2E_CASE] }$*"
}

# --------------------------------------------------------- assertions

assert_rc() { # EXPECTED [WHAT]
    [ "$RC" = "$1" ] || fail "${2:-command} exited with $RC$(signal_note "$RC"), expected $1"
}

assert_stdout_empty() {
    [ ! -s "$RUN_OUT" ] || fail "${1:-command} wrote to standard output; expected nothing"
}

assert_stderr_empty() {
    [ ! -s "$RUN_ERR" ] || fail "${1:-command} wrote to standard error; expected nothing"
}

# assert_quiet_success WHAT: exit 0, empty stdout and stderr.
assert_quiet_success() {
    assert_rc 0 "$1"
    assert_stdout_empty "$1"
    assert_stderr_empty "$1"
}

# assert_stderr_matches ERE [WHAT]: some line of stderr matches ERE.
assert_stderr_matches() {
    grep -Eq -- "$1" "$RUN_ERR" || fail "${2:-standard error} has no line matching /$1/"
}

assert_stderr_contains() { # FIXED-STRING [WHAT]
    grep -Fq -- "$1" "$RUN_ERR" || fail "${2:-standard error} does not contain '$1'"
}

assert_stdout_contains() { # FIXED-STRING [WHAT]
    grep -Fq -- "$1" "$RUN_OUT" || fail "${2:-standard output} does not contain '$1'"
}

# assert_stderr_lines_match ERE [WHAT]: stderr is not empty and EVERY line
# matches ERE (no stray, unlocated or multi-line diagnostics).
assert_stderr_lines_match() {
    [ -s "$RUN_ERR" ] || fail "${2:-standard error} is empty; expected diagnostics"
    local bad
    bad=$(grep -Ev -- "$1" "$RUN_ERR" | head -n 3 || true)
    [ -z "$bad" ] || fail "${2:-standard error} has lines not matching /$1/, e.g.: $bad"
}

assert_eq() { # ACTUAL EXPECTED WHAT
    [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

assert_file() { # PATH [WHAT]
    [ -f "$1" ] && [ -s "$1" ] || fail "${2:-output} $1 was not created (or is empty)"
}

assert_no_file() { # PATH [WHAT]
    [ ! -e "$1" ] || fail "${2:-file} $1 exists but must not"
}

# assert_pdf PATH: exists and is a PDF.
assert_pdf() {
    assert_file "$1" "PDF"
    [ "$(head -c 5 "$1")" = "%PDF-" ] || fail "$1 does not start with %PDF-"
}

# assert_no_tmp_files DIR: no leftover temporary outputs (*.tmp-*) in DIR.
assert_no_tmp_files() {
    local left
    left=$(find "$1" -name '*.tmp-*' 2>/dev/null | head -n 5)
    [ -z "$left" ] || fail "temporary files left behind in $1: $left"
}

# ------------------------------------------------------------- readers

# cached_read CMD ARGS...: CMD's standard output and exit status, where
# CMD reads the files named among ARGS and prints what it finds in them
# (pdfinfo -struct-text, a checker script).  When RP_READ_CACHE names a
# directory, both are kept there under a hash of the arguments, a file
# argument counting by its bytes, not its name.  .ci/run sets one for
# its two stages: the sanitizer build exports the same bytes as the plain
# one, so the slowest readers run once for both, on identical input.
# CMD must not print the files' names (each test's directory is new),
# and a directory argument counts by its name only.  Standard error is not
# kept: a reader that fails has failed the first stage, where it ran.
cached_read() {
    [ -n "${RP_READ_CACHE:-}" ] || { "$@"; return; }
    local arg key tmp rc=0
    key=$(for arg in "$@"; do
        if [ -f "$arg" ]; then sha256sum <"$arg"; else printf '%s\n' "$arg"; fi
    done | sha256sum | cut -c1-64)
    key="$RP_READ_CACHE/$key"
    tmp="$key.$BASHPID" # expanded here: a redirection expands it in the child
    if [ ! -f "$key.rc" ]; then
        "$@" >"$tmp" || rc=$?
        mv "$tmp" "$key"
        echo "$rc" >"$tmp"
        mv "$tmp" "$key.rc"
    fi
    cat "$key"
    return "$(cat "$key.rc")"
}

# pdf_check FILE: what qpdf --check says of FILE (standard output and
# error) but the line that names it, and its status; read through
# cached_read.
pdf_check() { cached_read qpdf_check_report "$1"; }
qpdf_check_report() { qpdf --check "$1" 2>&1 | sed '/^checking /d'; }

# pdf_qdf PDF OUT [ARGS...]: PDF rewritten into OUT by qpdf --qdf
# --object-streams=disable ARGS (content streams uncompressed, one object
# after another), through cached_read.  qpdf writes standard output a few
# bytes at a time, slow through a pipe; cached_read gives it a file.
pdf_qdf() {
    local in=$1 out=$2
    shift 2
    cached_read qpdf --qdf --object-streams=disable "$@" "$in" - >"$out"
}

# carriers_left QDF: the structure elements of a PDF rewritten by pdf_qdf
# that are tagging.c's carriers left behind: a Private, a Span without a
# /Lang (a passage in another language is a Span with one) or the type a
# passage's element is begun with (pdfobj.h's RP_LANG_SPAN).  Prints
# their count.
carriers_left() {
    python3 - "$1" <<'PY'
import re, sys
pdf = open(sys.argv[1], "rb").read()
left = 0
for body in re.findall(rb"\n\d+ 0 obj\n(.*?)\nendobj", pdf, re.S):
    kind = re.search(rb"/S /(\w+)", body) if b"/StructElem" in body else None
    if kind and (kind.group(1) in (b"Private", b"Warichu") or
                 (kind.group(1) == b"Span" and b"/Lang" not in body)):
        left += 1
print(left)
PY
}

# xml_str FILE XPATH: the string value of XPATH (string() is applied).
xml_str() {
    xmllint --xpath "string($2)" "$1" 2>/dev/null || true
}

# xml_num FILE XPATH: a number (count(), ...), printed as is.
xml_num() {
    xmllint --xpath "$2" "$1" 2>/dev/null || true
}

# normalize: stdin -> one line, every run of whitespace one space, trimmed,
# and words that rolepress hyphenated at a line's end joined again: it
# breaks them with U+2010 HYPHEN, which the source text never uses, so a
# compound's own "-" is kept.
normalize() {
    tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//; s/\xe2\x80\x90 //g'
}

# pdf_difference A B: where two PDFs that should be the same differ, for a
# failure message: cmp's first differing byte, and the first lines that
# differ between their objects uncompressed (qpdf), where a flaky
# difference can be told from a systematic one.
pdf_difference() {
    local a=$1 b=$2
    printf '%s; ' "$(cmp "$a" "$b" 2>&1 | head -n 1)"
    qpdf --qdf --static-id --object-streams=disable "$a" "$T/.difference-a" 2>/dev/null || true
    qpdf --qdf --static-id --object-streams=disable "$b" "$T/.difference-b" 2>/dev/null || true
    diff -a "$T/.difference-a" "$T/.difference-b" 2>&1 | head -n 12 | cut -c1-200 | tr '\n' ' '
    rm -f "$T/.difference-a" "$T/.difference-b"
}

# pdf_info FILE FIELD: a pdfinfo field (ISO dates), value only.
pdf_info() {
    pdfinfo -enc UTF-8 -isodates "$1" 2>/dev/null | sed -n "s/^$2: *//p" | head -n 1
}

# pdf_page_size FILE [PAGE]: "W H" in points, as pdfinfo prints them.
pdf_page_size() {
    local page=${2:-1}
    pdfinfo -f "$page" -l "$page" "$1" 2>/dev/null |
        sed -n "s/^Page *$page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p"
}

# assert_page_size FILE W H WHAT: every page is W x H points (+-1pt).
assert_page_size() {
    local f=$1 w=$2 h=$3 what=$4 n p size
    n=$(pdf_info "$f" Pages)
    [ -n "$n" ] && [ "$n" -ge 1 ] || fail "$what: pdfinfo reports no pages for $f"
    for ((p = 1; p <= n; p++)); do
        size=$(pdf_page_size "$f" "$p")
        [ -n "$size" ] || fail "$what: pdfinfo gives no size for page $p of $f"
        awk -v s="$size" -v w="$w" -v h="$h" 'BEGIN {
            split(s, a, " ");
            d1 = a[1] - w; d2 = a[2] - h;
            exit !(d1 <= 1 && d1 >= -1 && d2 <= 1 && d2 >= -1) }' ||
            fail "$what: page $p of $f is $size pt, expected $w x $h"
    done
}

# to_pt LENGTH: a layout length (pt, mm, cm, in) in points.
to_pt() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^-?[0-9.]+/, "", u);
        f = -1;
        if (u == "pt") f = 1;
        if (u == "mm") f = 72 / 25.4;
        if (u == "cm") f = 720 / 25.4;
        if (u == "in") f = 72;
        if (f < 0) exit 1;
        printf "%.3f\n", n * f }'
}

# pdf_body_text PDF TOP BOTTOM: the text of every page inside the body
# area, i.e. without the running header (drawn in the top margin, TOP
# points) and footer (bottom margin, BOTTOM points).  Needs a uniform page
# size, which job descriptions have.
pdf_body_text() {
    local f=$1 top=$2 bottom=$3 size w h y hh
    size=$(pdf_page_size "$f" 1)
    w=${size% *}
    h=${size#* }
    # 3pt of slack: the first line's ascenders may not reach the margin,
    # the furniture sits well inside it.
    read -r y hh < <(awk -v t="$top" -v b="$bottom" -v h="$h" \
        'BEGIN { printf "%d %d\n", t - 3, h - t - b + 6 }')
    pdftotext -enc UTF-8 -x 0 -y "$y" -W "${w%.*}" -H "$hh" "$f" - 2>/dev/null
}

# pdf_fonts FILE: "NAME EMB" per font, NAME without the subset tag.
pdf_fonts() {
    pdffonts "$1" 2>/dev/null | awk 'NR > 2 && NF >= 6 {
        name = $1; sub(/^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/, "", name);
        print name, $(NF - 4) }'
}

# assert_bundled_fonts PDF WHAT: every font of PDF is embedded and is one
# of the files under fonts/ (its name is the file's: fonts/*/NotoSans-Bold.ttf
# -> NotoSans-Bold), so nothing came from the machine's fonts.
assert_bundled_fonts() {
    local bundled=" " f b name emb
    while IFS= read -r f; do
        b=$(basename "$f")
        bundled+="${b%.*} "
    done < <(find "$SRC/fonts" -type f \( -name '*.ttf' -o -name '*.otf' \))
    [ "$bundled" != " " ] || fail "no font files under $SRC/fonts"
    pdf_fonts "$1" >"$T/fonts.txt"
    [ -s "$T/fonts.txt" ] || fail "$2: pdffonts lists no fonts in $1"
    while read -r name emb; do
        [ "$emb" = yes ] || fail "$2: font $name is not embedded (emb=$emb)"
        case $name in
        Noto* | DejaVu*) ;;
        *) fail "$2: font $name is not a bundled font (Noto or DejaVu)" ;;
        esac
        [[ $bundled == *" $name "* ]] ||
            fail "$2: font $name is not one of the files in fonts/ (bundled:$bundled)"
    done <"$T/fonts.txt"
    ok "$2: $(wc -l <"$T/fonts.txt") fonts, all embedded, all bundled"
}

# pdf_outline FILE: one line per outline entry, "DEPTH<TAB>TITLE", in
# document order (depth 1 = top level).  Read from qpdf's JSON, whose
# pretty-printing is stable: entries are indented 4 spaces per level and a
# title comes after its entry's kids, so titles are re-ordered here.
pdf_outline() {
    # (into a file: qpdf writes its standard output a few bytes at a time)
    rm -f "$T/.outline.json"
    qpdf --json --json-key=outlines "$1" "$T/.outline.json" 2>/dev/null || true
    [ -f "$T/.outline.json" ] || : >"$T/.outline.json"
    awk <"$T/.outline.json" '
        # entry start: "{" alone on a line; its depth from the indentation
        /^ *\{ *$/ {
            ind = match($0, /[^ ]/) - 1;
            if (ind >= 4) { n++; depth[n] = (ind - 4) / 4 + 1; stack[++sp] = n }
            next }
        /^ *"title": / {
            t = $0; sub(/^ *"title": "/, "", t); sub(/",? *$/, "", t);
            gsub(/\\"/, "\"", t); gsub(/\\\\/, "\\", t);
            title[stack[sp]] = t; next }
        /^ *\},? *$/ {
            ind = match($0, /[^ ]/) - 1;
            if (ind >= 4 && sp > 0) sp--;
            next }
        END { for (i = 1; i <= n; i++) printf "%d\t%s\n", depth[i], title[i] }'
}

# ------------------------------------------------------------ fixtures

# marker_line FILE [TAG]: number of the fixture line marked "<!-- TAG:"
# (default E2E-ERROR), where the fixture's problem is.
marker_line() {
    local tag=${2:-E2E-ERROR} n
    n=$(grep -n -- "<!-- $tag:" "$1" | head -n 1 | cut -d: -f1)
    [ -n "$n" ] || fail "fixture $1 has no '<!-- $tag:' marker"
    echo "$n"
}

# re_quote STRING: STRING as a literal in an extended regular expression.
re_quote() {
    printf '%s' "$1" | sed 's/[][\.*^$+?(){}|/]/\\&/g'
}
