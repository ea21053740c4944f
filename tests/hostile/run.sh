#!/usr/bin/env bash
# run.sh - the hostile-input suite: blueprints, stylesheets, layout
# documents and output paths written to break rolepress.
#
#     bash tests/hostile/run.sh ROLEPRESS_BINARY SOURCE_DIR
#
# Every case runs rolepress under `timeout` in a directory of its own,
# $T/CASE/in (the input's directory: document() may read there), beside
# $T/CASE/outside, which holds a secret that must never be read: its text
# ($SECRET) and /etc/passwd's first line must appear in no output, no
# layout dump, no diagnostic.  Unless the case says otherwise it checks:
#
#   * exit status 1 or 2: never a crash (signal), never 0;
#   * a diagnostic "FILE[:LINE[:COL]]: error: ..." that names the
#     blueprint or stylesheet and says what is wrong (a keyword);
#   * every line of standard error is such a diagnostic (no library
#     warnings, no sanitizer reports);
#   * no output file, no temporary file (*.tmp-*) anywhere;
#   * nothing from outside the allowed directories was written;
#   * the run ends within $LIMIT seconds (30; `timeout` stops it at
#     $TMO = 60): a hang or runaway work fails, a loaded machine does not.
#
# Some cases may instead succeed ("warn": exit 0 is allowed when a warning
# is printed and a PDF written; "any": the input is valid but big, and may
# be typeset or refused, quickly either way); the "must succeed" group
# must be typeset.  The layout cases reach the typesetter through a
# passthrough stylesheet (fixtures/passthrough.xsl) that copies
# document('case.xml', /) beside the input blueprint.
#
# Big inputs (a 16 MiB file, 200,000-deep nesting, 10,000 skills, ...) are
# generated into the scratch directory, never committed.
#
# Under a sanitizer build (detected in the binary) the time limit is
# tripled (HOSTILE_LIMIT and HOSTILE_TIMEOUT override both), and the big
# valid inputs shrink (10,000 skills become 200, ...; see `scaled`), since
# what they measure is speed; HOSTILE_FULL=1 keeps the full sizes.
set -euo pipefail
. "$(dirname "$0")/../e2e/lib.sh"
E2E_NAME=hostile
HDIR=$(cd "$(dirname "$0")" && pwd)
HFIX="$HDIR/fixtures"
e2e_init "$@"

SECRET=HOSTILE-SECRET-7c1e5a
PASSWD_RE='(^|[^A-Za-z])root:[^:]*:0:'
if grep -qa __asan_init "$ROLEPRESS" 2>/dev/null; then SANITIZED=1; else SANITIZED=0; fi
# The limits catch hangs and runaway work, not slowness: the machines
# are shared and the suite runs beside others (speed is measured by the
# benchmark in tests/bench, never asserted here).
LIMIT=${HOSTILE_LIMIT:-$((SANITIZED ? 90 : 30))}
TMO=${HOSTILE_TIMEOUT:-$((SANITIZED ? 120 : 60))}
for tool in timeout iconv awk; do
    command -v "$tool" >/dev/null || { echo "hostile: $tool is not installed" >&2; exit 2; }
done
FULL=${HOSTILE_FULL:-$((1 - SANITIZED))}
echo "# hostile: $ROLEPRESS (sanitizers: $SANITIZED), time limit ${LIMIT}s, killed after ${TMO}s, full sizes: $FULL"

# scaled FULL SMALL: the size of a big input: FULL, or SMALL under the
# sanitizers.
scaled() { if [ "$FULL" = 1 ]; then echo "$1"; else echo "$2"; fi; }

# ------------------------------------------------------------- set-up

# setup NAME: $D = $T/NAME with in/ (holding base-role.xml) and outside/
# (the secret as text, as XML, and in a DTD that declares an entity with
# it); $IN = $D/in, where rolepress runs.
setup() {
    D="$T/$1"
    IN="$D/in"
    mkdir -p "$IN" "$D/outside"
    printf '%s\n' "$SECRET" >"$D/outside/secret.txt"
    printf '<secret>%s</secret>\n' "$SECRET" >"$D/outside/secret.xml"
    printf '<!ENTITY fromdtd "%s">\n<!ENTITY %% file SYSTEM "file://%s/secret.txt">\n' \
        "$SECRET" "$D/outside" >"$D/outside/evil.dtd"
    cp "$HFIX/base-role.xml" "$IN/"
    outside_files >"$D/.outside-before"
    OUT=out.pdf
}

# outside_files: what outside/ holds (but the listener's record).
outside_files() {
    find "$D/outside" -mindepth 1 ! -name connected -printf '%P\n' | sort
}

# fixture SRC [NAME]: copy fixtures/SRC into $IN (as NAME), with
# @OUTSIDE@ replaced by the outside directory and @IMPORT@ by $IMPORT.
fixture() {
    local dest="$IN/${2:-$(basename "$1")}"
    sed -e "s#@OUTSIDE@#$D/outside#g" -e "s#@IMPORT@#${IMPORT:-}#g" "$HFIX/$1" >"$dest"
}

# layout_case FIXTURE|-: the passthrough stylesheet, and fixtures/layout/
# FIXTURE as case.xml ("-": case.xml is written by the caller).
layout_case() {
    cp "$HFIX/passthrough.xsl" "$IN/"
    [ "$1" = - ] || fixture "layout/$1" case.xml
}

# ------------------------------------------------------------ running

# hrun ARGS...: rolepress ARGS in $IN under timeout; RC, ELAPSED_MS.
# HRUN_PRE, when set, is a shell command run first in the subshell
# (ulimit).  The suite's hang_watch (lib.sh) stops a run five seconds
# before timeout would (HRUN_HANG, when set, sooner), and the case fails
# with the stacks of rolepress's threads, which timeout does not give.
hrun() {
    RUN_CMD="(cd $IN) timeout $TMO rolepress $*"
    [ -z "${HRUN_PRE:-}" ] || RUN_CMD="(cd $IN; $HRUN_PRE) timeout $TMO rolepress $*"
    local t0 t1 pid
    t0=$(date +%s%N)
    set +e
    {
        (
            cd "$IN" || exit 125
            if [ -n "${HRUN_PRE:-}" ]; then eval "$HRUN_PRE" || exit 125; fi
            exec timeout -k 5 "$TMO" "$ROLEPRESS" "$@"
        ) >"$RUN_OUT" 2>"$RUN_ERR" </dev/null &
        pid=$!
        echo "$pid ${HRUN_HANG:-$((TMO > 10 ? TMO - 5 : TMO))}" >"$T/.running"
        wait "$pid"
    } 2>/dev/null
    RC=$?
    set -e
    t1=$(date +%s%N)
    ELAPSED_MS=$(((t1 - t0) / 1000000))
    run_ended
}

secs() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }

# ------------------------------------------------------------- checks

# check_ended: not stopped by timeout, no crash, no sanitizer report.
check_ended() {
    if grep -Eq 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|SUMMARY: .*Sanitizer' "$RUN_ERR"; then
        fail "sanitizer report: $(grep -E 'ERROR: |runtime error:' "$RUN_ERR" | head -n 2 | cut -c1-200)"
    fi
    case "$RC" in
    124 | 137) fail "did not end within ${TMO}s: stopped by timeout after $(secs "$ELAPSED_MS")s" ;;
    esac
    [ "$RC" -le 128 ] || fail "crashed (exit status $RC$(signal_note "$RC"))"
}

check_time() {
    [ "$ELAPSED_MS" -le $((LIMIT * 1000)) ] ||
        fail "took $(secs "$ELAPSED_MS")s, more than ${LIMIT}s"
}

# check_status MODE: refuse (1 or 2), warn (1, 2, or 0 with a warning),
# any (0, 1 or 2), succeed (0).
check_status() {
    case "$1" in
    refuse) [ "$RC" = 1 ] || [ "$RC" = 2 ] || fail "exit status $RC, expected 1 or 2 (refused)" ;;
    warn)
        if [ "$RC" = 0 ]; then
            grep -q ': warning: ' "$RUN_ERR" || fail "exit status 0 without a warning"
        else
            [ "$RC" = 1 ] || [ "$RC" = 2 ] || fail "exit status $RC, expected 1 or 2, or 0 with a warning"
        fi
        ;;
    any) [ "$RC" -le 2 ] || fail "exit status $RC" ;;
    succeed) [ "$RC" = 0 ] || fail "exit status $RC, expected 0" ;;
    esac
}

# check_diag FILE_ERE KEYWORD_ERE: some line "FILE[:N[:N]]: SEV: ..." names
# the file and holds the keyword (case-insensitive); SEV is error when
# the run failed, error or warning when it succeeded.
check_diag() {
    local sev=error
    [ "$RC" = 0 ] && sev='(error|warning)'
    grep -Eq "^($1)(:[0-9]+){0,2}: $sev: " "$RUN_ERR" ||
        fail "no diagnostic '$sev:' naming /$1/"
    # (not grep -q, which may stop reading before the first grep has
    # written all: under pipefail, its SIGPIPE would fail the check)
    grep -E "^($1)(:[0-9]+){0,2}: $sev: " "$RUN_ERR" | grep -Ei -- "$2" >/dev/null ||
        fail "no diagnostic naming /$1/ says /$2/"
}

# check_format: every line of stderr is a diagnostic.
check_format() {
    local bad
    bad=$(grep -Ev '^[^ ].*: (error|warning|note): .' "$RUN_ERR" | head -n 3 || true)
    [ -z "$bad" ] || fail "standard error has lines that are not diagnostics, e.g.: $(printf '%s' "$bad" | cut -c1-160 | tr '\n' '|')"
}

# check_output: no output after a failure (and no temporary file); a
# PDF (or, for .xml, well-formed XML) after a success.
check_output() {
    local out="$IN/$OUT"
    if [ "$RC" = 0 ]; then
        case "$OUT" in
        *.pdf) assert_pdf "$out" ;;
        *.xml) assert_file "$out" "layout dump"
               xmllint --noout "$out" 2>/dev/null || fail "the layout dump $OUT is not well-formed XML: $(xmllint --noout "$out" 2>&1 | head -n 1)" ;;
        esac
    else
        [ ! -e "$out" ] || fail "the failed run left an output file $OUT"
    fi
    assert_no_tmp_files "$D"
}

# check_clean: neither the secret nor /etc/passwd's content anywhere in
# what was written (every file under $D but outside/, PDF text and
# metadata included) or printed.  The big valid inputs, generated text
# that names no file, set PDF_TEXT=0: their PDFs' bytes are searched, not
# their text and objects (for the PDF of 30,000 links that took 9 s).
check_clean() {
    local f hit=""
    if grep -Fq "$SECRET" "$RUN_OUT" "$RUN_ERR"; then fail "the secret was printed"; fi
    if grep -Eq "$PASSWD_RE" "$RUN_OUT" "$RUN_ERR"; then fail "/etc/passwd's content was printed"; fi
    while IFS= read -r -d '' f; do
        if grep -Fqa "$SECRET" "$f" || grep -Eqa "$PASSWD_RE" "$f"; then hit=$f; break; fi
        case "$f" in
        *.pdf)
            [ "${PDF_TEXT:-1}" = 1 ] || continue
            # The text, the metadata, and every object uncompressed (most
            # of them are in compressed object streams).
            # (into files, then searched: grep -q leaving a pipe early would
            # fail the pipeline under pipefail, and miss what it found)
            { pdftotext -enc UTF-8 "$f" - 2>/dev/null; pdfinfo -enc UTF-8 "$f" 2>/dev/null; } \
                >"$D/.text" || true
            qpdf --stream-data=uncompress --object-streams=disable "$f" "$D/.objects" 2>/dev/null || true
            if grep -Eq "$SECRET|root:" "$D/.text"; then hit="$f (PDF text)"; break; fi
            if [ -f "$D/.objects" ] && grep -Eqa "$SECRET|$PASSWD_RE" "$D/.objects"; then
                hit="$f (PDF objects)"; break
            fi ;;
        *.xml) case "$f" in "$IN/$OUT" | "$IN"/out*.xml)
            if grep -q 'root:' "$f"; then hit="$f (root:)"; break; fi ;; esac ;;
        esac
    done < <(find "$D" -path "$D/outside" -prune -o -type f ! -name '.run.*' ! -name .text \
                  ! -name .objects -print0)
    rm -f "$D/.text" "$D/.objects"
    [ -z "$hit" ] || fail "outside content was written: $hit"
    [ "$(outside_files)" = "$(cat "$D/.outside-before")" ] ||
        fail "a file was written into the outside directory: $(outside_files | tr '\n' ' ')"
}

# expect MODE FILE_ERE KEYWORD_ERE -- ARGS...: run and check it all.
expect() {
    local mode=$1 file_re=$2 kw=$3
    shift 4
    hrun "$@"
    check_ended
    check_status "$mode"
    check_time
    if [ "$RC" != 0 ] || [ "$mode" = warn ]; then check_diag "$file_re" "$kw"; fi
    check_format
    check_output
    check_clean
    ok "exit $RC in $(secs "$ELAPSED_MS")s: $(grep -Eo ': (error|warning): .*' "$RUN_ERR" | head -n 1 | cut -c3-110)"
}

# expect_dump MODE FILE_ERE KEYWORD_ERE -- ARGS...: the same, then once
# more with --emit layout (the layout dump must not hold the secret
# either).
expect_dump() {
    local mode=$1 file_re=$2 kw=$3
    shift 4
    OUT=out.pdf
    expect "$mode" "$file_re" "$kw" -- "$@" -o out.pdf
    OUT=out.xml
    expect "$mode" "$file_re" "$kw" -- "$@" --emit layout -o out.xml
    OUT=out.pdf
}

# ================================================= XML: blueprints

bp_fixture() { # NAME KEYWORD
    setup "$1"
    fixture "blueprint/$1.xml"
    expect_dump refuse "$(re_quote "$1.xml")" "$2" -- jd "$1.xml"
}
case_run xxe-file bp_fixture xxe-file 'DOCTYPE|entit'
case_run external-dtd bp_fixture external-dtd 'DOCTYPE|DTD|entit'
case_run parameter-entities bp_fixture parameter-entities 'DOCTYPE|DTD|entit'
case_run billion-laughs bp_fixture billion-laughs 'DOCTYPE|entit'
case_run wrong-encoding bp_fixture wrong-encoding 'encoding|UTF-8'
case_run wrong-root bp_fixture wrong-root 'root'
case_run xinclude bp_fixture xinclude 'include'

# body_of: base-role.xml without its XML declaration and comment.
body_of() {
    sed -e '1d' -e '/^<!--/,/-->$/d' "$HFIX/base-role.xml"
}

quadratic() {
    setup quadratic
    local big
    big=$(head -c 102400 /dev/zero | tr '\0' 'a')
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo "<!DOCTYPE role [<!ENTITY a \"$big\">]>"
        body_of | sed -e 's/<role id="base-role"/<role id="quadratic"/' \
            -e "s/<summary>/<summary>$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "\\&a;" }')/"
    } >"$IN/quadratic.xml"
    [ "$(grep -o '&a;' "$IN/quadratic.xml" | wc -l)" = 10000 ] || fail "generator: not 10000 references"
    expect_dump refuse 'quadratic\.xml' 'DOCTYPE|entit|amplif' -- jd quadratic.xml
}
case_run quadratic-blowup quadratic

deep_nesting() {
    setup deep-nesting
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        printf '<role id="deep">'
        awk 'BEGIN { for (i = 0; i < 200000; i++) printf "<p>"; for (i = 0; i < 200000; i++) printf "</p>" }'
        echo '</role>'
    } >"$IN/deep.xml"
    expect refuse 'deep\.xml' 'nest|depth|deep' -- jd deep.xml -o out.pdf
}
case_run deep-nesting deep_nesting

# skills_role N FILE [ATTR]: base-role.xml with N skills, each named by
# the attribute ATTR (name=, which the schema asks for, by default).
skills_role() {
    body_of | awk -v n="$1" -v attr="${3:-name}" '
        /<skills>/ { print; for (i = 1; i <= n; i++)
            printf "    <skill %s=\"Skill %05d\" category=\"technical\" proficiency=\"advanced\">Skill number %d, for the big blueprint.</skill>\n", attr, i, i
            skip = 1; next }
        /<\/skills>/ { skip = 0 }
        !skip' | { echo '<?xml version="1.0" encoding="UTF-8"?>'; cat; } >"$2"
}

# Many invalid siblings: each is an error, and libxml2 walked all the
# siblings before each one to name the file (60,000 took minutes).  The
# first 100 are shown, the rest counted.
invalid_siblings() {
    setup invalid-siblings
    local n
    n=$(scaled 60000 5000)
    skills_role "$n" "$IN/siblings.xml" nmae
    expect refuse 'siblings\.xml' 'nmae' -- validate siblings.xml
    assert_eq "$(grep -c ': error: <skill> takes no attribute nmae=' "$RUN_ERR")" 100 "errors shown"
    grep -q "^siblings\.xml:[0-9]*:[0-9]*: note: $((n - 100)) more errors in this file, not shown$" "$RUN_ERR" ||
        fail "no note counting the $((n - 100)) errors not shown: $(tail -n 1 "$RUN_ERR")"
}
case_run invalid-siblings invalid_siblings

# A start tag with a million attributes: libxml2 compares each with all
# those before it (100,000 took 18 s).  Refused before it is parsed, at
# the tag; 256 attributes are still read (and found not in the schema),
# whatever quotes, comments and declarations come before them.
many_attributes() {
    setup many-attributes
    attributes_role() { # N FILE: <skills> with N attributes
        body_of | awk -v n="$1" '/<skills>/ { sub(/<skills>/, "<!-- <a b=c> --><skills"); printf "%s", $0
                                   for (i = 0; i < n; i++) printf " a%d=\"x=y>\"", i; print ">"; next } 1' |
            { printf '<?xml version="1.0" encoding="UTF-8"?>\n<?pi a=b c=d?>\n'; cat; } >"$2"
    }
    attributes_role 1000000 "$IN/attrs.xml"
    expect refuse 'attrs\.xml' 'more than 256 attributes' -- validate attrs.xml
    local line
    line=$(grep -n '<skills' "$IN/attrs.xml" | cut -d: -f1)
    assert_stderr_lines_match "^attrs\.xml:$line:19: error: <skills> has more than 256 attributes; no document rolepress reads needs that many \(attribute limit\)$" "a million attributes"
    attributes_role 256 "$IN/attrs.xml"
    expect refuse 'attrs\.xml' 'takes no attribute a0=' -- validate attrs.xml
}
case_run many-attributes many_attributes

size_limit() {
    setup size-limit
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        printf '<!-- '
        head -c $((16 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
        echo ' -->'
        body_of
    } >"$IN/huge.xml"
    [ "$(wc -c <"$IN/huge.xml")" -gt $((16 * 1024 * 1024)) ] || fail "generator: file too small"
    expect refuse 'huge\.xml' 'MiB|bytes|size|large' -- jd huge.xml -o out.pdf
    rm -f "$IN/huge.xml"
}
case_run size-limit size_limit

invalid_utf8() {
    setup invalid-utf8
    body_of | sed 's/<summary>/<summary>caf\xe9 \xff\xfe /' |
        { echo '<?xml version="1.0" encoding="UTF-8"?>'; cat; } >"$IN/latin.xml"
    grep -qa $'\xff' "$IN/latin.xml" || fail "generator: no invalid byte"
    expect refuse 'latin\.xml' 'UTF-8' -- jd latin.xml -o out.pdf
}
case_run invalid-utf8 invalid_utf8

utf16_garbage() {
    setup utf16-garbage
    # UTF-16LE without a byte order mark, cut off in the middle, then a
    # lone surrogate and bytes that are no UTF-16 at all: once with an XML
    # declaration (the parser then detects UTF-16), once without.
    local decl
    for decl in '<?xml version="1.0"?>' ''; do
        { [ -z "$decl" ] || echo "$decl"; body_of; } | iconv -f UTF-8 -t UTF-16LE | head -c 3001 >"$IN/utf16.xml"
        printf '\x00\xd8\x41\x00\xff\xfe\xfe\xff' >>"$IN/utf16.xml"
        expect refuse 'utf16\.xml' 'UTF|encod|conver|char|tag|document' -- jd utf16.xml -o out.pdf
    done
}
case_run utf16-garbage utf16_garbage

empty_file() {
    setup empty-file
    : >"$IN/empty.xml"
    expect refuse 'empty\.xml' 'empty' -- jd empty.xml -o out.pdf
}
case_run empty-file empty_file

binary_file() {
    setup binary-file
    head -c 65536 "$ROLEPRESS" >"$IN/binary.xml"  # an ELF executable
    expect refuse 'binary\.xml' "start tag|'<'|not well-formed|document|UTF|char" -- jd binary.xml -o out.pdf
}
case_run binary-file binary_file

nul_byte() {
    setup nul-byte
    body_of | sed 's/<summary>/<summary>before\x00after /' |
        { echo '<?xml version="1.0" encoding="UTF-8"?>'; cat; } >"$IN/nul.xml"
    [ "$(tr -cd '\0' <"$IN/nul.xml" | wc -c)" = 1 ] || fail "generator: no NUL byte"
    expect refuse 'nul\.xml' '0x0|NUL|char|null' -- jd nul.xml -o out.pdf
}
case_run nul-byte nul_byte

# A valid blueprint whose title is one 50,000-character word: typeset
# (the word broken across lines) or refused, within the time limit.
long_word() {
    setup long-word
    local w
    w=$(head -c "$(scaled 50000 2000)" /dev/zero | tr '\0' 'W')
    body_of | sed "s|<title>[^<]*</title>|<title>$w</title>|" |
        { echo '<?xml version="1.0" encoding="UTF-8"?>'; cat; } >"$IN/base-role.xml"
    expect any 'base-role\.xml|[^:]*\.xsl' 'title|long|word' -- jd base-role.xml -o out.pdf
}
case_run long-word-title long_word

skills_10000() {
    setup skills-10000
    local n PDF_TEXT=0
    n=$(scaled 10000 200)
    skills_role "$n" "$IN/base-role.xml"
    [ "$(grep -c '<skill ' "$IN/base-role.xml")" = "$n" ] || fail "generator: not $n skills"
    expect any 'base-role\.xml|[^:]*\.xsl' 'skill|limit|page' -- jd base-role.xml -o out.pdf
    OUT=guide.pdf
    expect any 'base-role\.xml|[^:]*\.xsl' 'skill|limit|page' -- guide base-role.xml -o guide.pdf
}
case_run skills-10000 skills_10000

skills_10000_handbook() {
    setup skills-10000-handbook
    local PDF_TEXT=0
    mkdir -p "$IN/set/roles"
    # 4,000 skills make a handbook of some 450 pages (10,000 make 1,066
    # pages in about 16 s: linear, but past this suite's 10 s budget).
    skills_role "$(scaled 4000 50)" "$IN/set/roles/base-role.xml"
    rm "$IN/base-role.xml"
    expect any '[^:]*\.(xml|xsl)' 'skill|limit|page|timeout' -- handbook set -o out.pdf
}
case_run skills-10000-handbook skills_10000_handbook

# ========================================================= XSLT

# sheet NAME: fixtures/stylesheet/NAME.xsl into $IN.
sheet() { fixture "stylesheet/$1.xsl"; }

write_file() { # exsl-document|xsl-document
    setup "write-$1"
    sheet "write-$1"
    local s="write-$1.xsl"
    expect refuse "$(re_quote "$s")" 'write|refused|denied|forbidden' -- \
        jd base-role.xml --stylesheet "$s" --param "target=$D/outside/written.txt" -o out.pdf
    assert_no_file "$D/outside/written.txt" "file written by the stylesheet (absolute target)"
    expect refuse "$(re_quote "$s")" 'write|refused|denied|forbidden' -- \
        jd base-role.xml --stylesheet "$s" -o out.pdf
    local w
    w=$(find "$T" "$SRC" /tmp -maxdepth 3 -name 'written-by-stylesheet.txt' 2>/dev/null | head -n 1)
    [ -z "$w" ] || fail "the stylesheet wrote $w"
    ok "no file was written"
}
case_run write-exsl-document write_file exsl-document
case_run write-xsl-document write_file xsl-document

read_document() { # CASE SRC KEYWORD
    setup "$1"
    sheet read-document
    ln -s ../outside/secret.xml "$IN/link-to-secret.xml"
    expect_dump refuse 'read-document\.xsl' "$3" -- \
        jd base-role.xml --stylesheet read-document.xsl --param "src=$2"
}
case_run document-etc-passwd read_document document-etc-passwd /etc/passwd 'outside|refused|denied'
case_run document-file-url read_document document-file-url file:///etc/passwd 'outside|refused|denied'
case_run document-dotdot read_document document-dotdot ../outside/secret.xml 'outside|refused|denied'
case_run document-symlink read_document document-symlink link-to-secret.xml 'outside|refused|denied'

# document() of an http:// URL: refused without a connection.  A local
# listener (python3, when there is one) records any connection attempt.
document_http() {
    setup document-http
    sheet read-document
    local port=9 lpid=""
    if command -v python3 >/dev/null; then
        python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
print(s.getsockname()[1], flush=True)
s.settimeout(60)
try:
    c, _ = s.accept(); open(sys.argv[1], "w").write("connected\n")
except Exception:
    pass
' "$D/outside/connected" >"$D/port" &
        lpid=$!
        local i
        for ((i = 0; i < 100; i++)); do [ -s "$D/port" ] && break; sleep 0.05; done
        port=$(cat "$D/port")
    fi
    expect refuse 'read-document\.xsl' 'network|refused|denied|http' -- \
        jd base-role.xml --stylesheet read-document.xsl --param "src=http://127.0.0.1:$port/role.xml" -o out.pdf
    if [ -n "$lpid" ]; then
        sleep 0.2
        kill "$lpid" 2>/dev/null || true
        wait "$lpid" 2>/dev/null || true
        [ ! -e "$D/outside/connected" ] || fail "rolepress connected to http://127.0.0.1:$port/"
        ok "no connection was made to the listener on port $port"
    fi
}
case_run document-http document_http

sheet_case() { # NAME FILE_ERE KEYWORD [ARGS...]: jd with stylesheet NAME
    local name=$1 re=$2 kw=$3
    shift 3
    setup "$name"
    sheet "$name"
    expect refuse "$re" "$kw" -- jd base-role.xml --stylesheet "$name.xsl" "$@" -o out.pdf
}
case_run infinite-recursion sheet_case infinite-recursion 'infinite-recursion\.xsl' 'recursion|depth'
case_run func-recursion sheet_case func-recursion 'func-recursion\.xsl' 'recursion|depth'
case_run terminate sheet_case terminate 'terminate\.xsl' 'HOSTILE-TERMINATE: the stylesheet refuses'
case_run html-root sheet_case html-root 'html-root\.xsl' 'html|not layout'
case_run unknown-element sheet_case unknown-element 'unknown-element\.xsl' 'marquee'
case_run not-well-formed sheet_case not-well-formed 'not-well-formed\.xsl' 'mismatch|EntityRef|well-formed|titel'
case_run million-columns-xslt sheet_case million-columns 'million-columns\.xsl' 'column' \
    --param "columns=$(scaled 1000000 5000)"
case_run deep-result-tree sheet_case deep-result 'deep-result\.xsl' 'deep|nest|depth'

timeout_case() { # NAME: stopped by --timeout 2
    setup "$1"
    sheet "$1"
    expect refuse "$(re_quote "$1.xsl")" 'timeout|ran for more than' -- \
        jd base-role.xml --stylesheet "$1.xsl" --timeout 2 -o out.pdf
    [ "$ELAPSED_MS" -ge 1500 ] || fail "stopped after $(secs "$ELAPSED_MS")s: too early for --timeout 2"
    # what libxslt says of being stopped ("Operation limit exceeded", a
    # variable it could not evaluate) would read as the stylesheet's bugs
    assert_eq "$(grep -v ': error: the stylesheet ran for more than 2 s and was stopped (--timeout)$' "$RUN_ERR" || true)" "" \
        "diagnostics besides the timeout's"
    ok "stopped by --timeout 2 after $(secs "$ELAPSED_MS")s, with the timeout's error alone"
}
case_run timeout-branching timeout_case branching
case_run timeout-xpath timeout_case xpath-explosion

# A run that does not end (here a stylesheet that would run until its
# --timeout 20) is stopped by the suite's hang_watch before timeout would
# stop it, and its case fails with the stacks of rolepress's threads, not
# of timeout's: rolepress runs as timeout's child.
hang_reported() {
    setup hang-reported
    sheet branching
    local out rc=0 started=$SECONDS
    out=$( (HRUN_HANG=2 hrun jd base-role.xml --stylesheet branching.xsl --timeout 20 -o out.pdf) 2>&1) || rc=$?
    assert_hang_report "$rc" "$out" "$started"
    local left tries c
    for tries in 1 2 3 4 5 6 7 8 9 10; do
        left=""
        for c in /proc/[0-9]*/cwd; do # (the run's processes work in $IN)
            [ "$(readlink "$c" 2>/dev/null)" != "$IN" ] || left="$left ${c%/cwd}"
        done
        [ -n "$left" ] || break
        sleep 0.2
    done
    [ -z "$left" ] || fail "processes of the stopped run are left:$left"
    ok "a run that does not end is stopped, and its case fails with rolepress's stacks"
}
case_run hang-reported hang_reported

# One watchdog serves every transformation of a batch: with -j 2, three
# documents each get their own 2 s (the third starts when one of the
# first two is stopped, so it cannot be stopped before 4 s).
timeout_batch() {
    setup timeout-batch
    sheet branching
    mkdir "$IN/roles"
    local r
    for r in ai-architect analytics-architect application-security-architect; do
        cp "$SRC/xml/roles/$r.xml" "$IN/roles/"
    done
    hrun jd roles --stylesheet branching.xsl --timeout 2 -j 2 -o jd
    check_ended
    assert_rc 1 "three documents past --timeout"
    check_format
    # said once: the stylesheet's error does not say which document, so a
    # note after each names its blueprint (the later ones the first)
    assert_eq "$(grep -c '^branching\.xsl: error: the stylesheet ran for more than 2 s and was stopped (--timeout)$' "$RUN_ERR")" 1 \
        "errors saying a document was stopped by --timeout"
    assert_eq "$(grep ': note: ' "$RUN_ERR" | sort)" "roles/ai-architect.xml: note: the error above came from exporting this file
roles/analytics-architect.xml: note: exporting this file failed on the same error as exporting roles/ai-architect.xml
roles/application-security-architect.xml: note: exporting this file failed on the same error as exporting roles/ai-architect.xml" \
        "the notes naming the documents stopped"
    [ "$ELAPSED_MS" -ge 3800 ] || fail "all stopped after $(secs "$ELAPSED_MS")s: the third was stopped before its own 2 s"
    [ -z "$(find "$IN" -name '*.pdf')" ] || fail "a stopped document left a PDF: $(find "$IN" -name '*.pdf' | head -n 1)"
    assert_no_tmp_files "$D"
    ok "a batch of three with -j 2 and --timeout 2: each stopped on its own deadline, after $(secs "$ELAPSED_MS")s in all"
}
case_run timeout-batch timeout_batch

import_outside() {
    setup import-outside
    IMPORT=/etc/passwd sheet import-outside
    expect refuse 'import-outside\.xsl' 'import' -- jd base-role.xml --stylesheet import-outside.xsl -o out.pdf
    IMPORT=file:///etc/passwd sheet import-outside
    expect refuse 'import-outside\.xsl' 'import' -- jd base-role.xml --stylesheet import-outside.xsl -o out.pdf
}
case_run import-outside import_outside

missing_sheet() {
    setup missing-stylesheet
    expect refuse 'no-such-stylesheet\.xsl' 'cannot read|no such|not found|does not exist|cannot load' -- \
        jd base-role.xml --stylesheet no-such-stylesheet.xsl -o out.pdf
}
case_run missing-stylesheet missing_sheet

invalid_utf8_result() { # pdf|dump
    setup "invalid-utf8-result-$1"
    sheet invalid-utf8-result
    local emit=() mode=refuse
    # --emit layout: refused, or else the dump must be well-formed XML.
    if [ "$1" = dump ]; then OUT=out.xml; emit=(--emit layout); mode=any; fi
    expect $mode 'invalid-utf8-result\.xsl' 'UTF-8|encod|invalid' -- \
        jd base-role.xml --stylesheet invalid-utf8-result.xsl "${emit[@]}" -o "$OUT"
}
case_run invalid-utf8-result invalid_utf8_result pdf
case_run invalid-utf8-result-dump invalid_utf8_result dump

doctype_stylesheet() {
    setup doctype-stylesheet
    sheet doctype-entity
    expect_dump refuse 'doctype-entity\.xsl' 'DOCTYPE|entit' -- jd base-role.xml --stylesheet doctype-entity.xsl
}
case_run doctype-stylesheet doctype_stylesheet

# ======================================================= layout XML

PT='passthrough\.xsl'

layout() { # MODE NAME KEYWORD [ARGS...]: fixtures/layout/NAME.xml
    local mode=$1 name=$2 kw=$3
    shift 3
    setup "layout-$name"
    layout_case "$name.xml"
    expect "$mode" "$PT" "$kw" -- jd base-role.xml --stylesheet passthrough.xsl "$@" -o out.pdf
}
case_run negative-width layout refuse negative-width 'width|margin|body'
case_run zero-width layout refuse zero-width 'width|margin|body'
case_run margin-too-big layout refuse margin-too-big 'margin|body'
case_run huge-font layout warn huge-font 'font-size'
case_run self-inherit layout refuse self-inherit 'inherit|cycle|itself'
case_run style-cycle layout refuse style-cycle 'inherit|cycle|itself'
case_run unknown-style layout refuse unknown-style 'no-such-style'
case_run page-ref-missing layout refuse page-ref-missing 'nowhere'
case_run link-missing layout warn link-missing 'nowhere'
case_run too-many-pages layout refuse too-many-pages 'max-pages|limit' --max-pages 5
case_run diagram-unknown-node layout refuse diagram-unknown-node 'ghost'
case_run missing-template layout refuse missing-template 'no-such-template'

# A layout file of a million columns: over the size limit, or refused for
# its columns; quickly either way.
million_columns_file() {
    setup layout-million-columns
    layout_case -
    {
        echo '<document><meta><title>columns</title></meta><page-template name="p"/><table>'
        awk -v n="$(scaled 1000000 5000)" 'BEGIN { for (i = 0; i < n; i++) print "<column width=\"1\"/>" }'
        echo '<tbody><row><cell>x</cell></row></tbody></table></document>'
    } >"$IN/case.xml"
    expect refuse "$PT|case\\.xml" 'column|MiB|bytes' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
    rm -f "$IN/case.xml"
}
case_run million-columns-file million_columns_file

# tall_case KEEP|- STYLE|-: case.xml holds a table of one cell of 5,000
# lines (kept together with KEEP), or of one line in STYLE (400pt type,
# line-height 5: 2000pt, taller than any page).
LINES=$(scaled 5000 500)
tall_case() {
    {
        echo '<document><meta><title>tall</title></meta><page-template name="p" size="A4"/>'
        echo '<style name="huge" font-size="400pt" line-height="5"/>'
        if [ "$1" = keep ]; then echo '<table keep-together="yes">'; else echo '<table>'; fi
        echo '<column width="1"/><tbody><row>'
        if [ "$2" = huge ]; then
            echo '<cell style="huge">W</cell>'
        else
            echo '<cell>'
            awk -v n="$LINES" 'BEGIN { for (i = 1; i <= n; i++) printf "line %d<br/>\n", i }'
            echo '</cell>'
        fi
        echo '</row></tbody></table></document>'
    } >"$IN/case.xml"
}

# Blocks that can never fit on a page: a warning, no endless loop.
never_fits() {
    setup layout-never-fits
    layout_case -
    tall_case keep -
    expect warn "$PT" 'taller|overflow|longer than a page|fit' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
    tall_case - huge
    expect warn "$PT" 'taller|overflow|longer than a page|fit' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
}
case_run never-fits never_fits

# One cell of 5,000 lines, free to break: typeset with a warning, or
# across pages with every line shown; no endless loop.
tall_cell() {
    setup layout-tall-cell
    local PDF_TEXT=0
    layout_case -
    tall_case - -
    expect any "$PT" 'taller|overflow|longer than a page|fit' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
    if [ "$RC" = 0 ] && ! grep -q ': warning: ' "$RUN_ERR"; then
        local n
        n=$(pdftotext -enc UTF-8 "$IN/out.pdf" - | tr -d '\f' | grep -Ec '^line [0-9]+$' || true)
        [ "$n" = "$LINES" ] || fail "no warning, but the PDF shows $n of the $LINES lines"
        ok "no warning: all $LINES lines on $(pdf_info "$IN/out.pdf" Pages) pages"
    fi
}
case_run tall-cell tall_cell

# 100,000 styles, each the parent of the one before (so resolving the
# first walks the whole chain): valid, to be typeset or refused quickly.
style_chain() {
    setup layout-style-chain
    layout_case -
    {
        echo '<document><meta><title>styles</title></meta><page-template name="p" size="A4"/>'
        awk -v n="$(scaled 100000 2000)" 'BEGIN {
            for (i = 0; i < n - 1; i++) printf "<style name=\"s%d\" parent=\"s%d\"/>\n", i, i + 1
            printf "<style name=\"s%d\" font-size=\"12pt\"/>\n", n - 1 }'
        echo '<para style="s0">Styled through 100,000 parents.</para></document>'
    } >"$IN/case.xml"
    expect any "$PT" 'style|limit' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
}
case_run style-chain-100000 style_chain

# A layout file with entities (external ones pointing outside): refused,
# or typeset without them; either way no secret, and a layout dump, when
# written, must be well-formed XML.
doctype_layout() { # pdf|dump
    setup "layout-doctype-entities-$1"
    layout_case doctype-entities.xml
    local emit=()
    if [ "$1" = dump ]; then OUT=out.xml; emit=(--emit layout); fi
    expect any "$PT|case\\.xml" 'DOCTYPE|entit' -- \
        jd base-role.xml --stylesheet passthrough.xsl "${emit[@]}" -o "$OUT"
}
case_run layout-doctype-entities doctype_layout pdf
case_run layout-doctype-entities-dump doctype_layout dump

# ------------------------------------------------ must succeed (big, valid)

ROWS=$(scaled 2000 150)
rows_2000() {
    setup layout-rows-2000
    local PDF_TEXT=0
    layout_case -
    {
        echo '<document><meta><title>rows</title></meta><page-template name="p" size="A4"/>'
        echo '<style name="t" border-width="0.5pt"/><style name="c" padding="2pt" font-size="9pt"/>'
        echo '<table style="t" cell-style="c"><column width="1"/><column width="3"/><column width="25mm"/>'
        echo '<thead><row><cell>HeadA</cell><cell>HeadB</cell><cell>HeadC</cell></row></thead><tbody>'
        awk -v n="$ROWS" 'BEGIN { for (i = 1; i <= n; i++)
            printf "<row><cell>R%dX</cell><cell>Row %d of the big table, with some words.</cell><cell>%d</cell></row>\n", i, i, i }'
        echo '</tbody></table></document>'
    } >"$IN/case.xml"
    expect succeed "$PT" '.' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
    local pages rows heads
    pages=$(pdf_info "$IN/out.pdf" Pages)
    rows=$(pdftotext -enc UTF-8 "$IN/out.pdf" - | tr -d '\f' | grep -Ec '^R[0-9]+X$' || true)
    heads=$(pdftotext -enc UTF-8 "$IN/out.pdf" - | tr -d '\f' | grep -c '^HeadA$' || true)
    [ "$rows" = "$ROWS" ] || fail "the PDF shows $rows of the $ROWS rows"
    if [ "$pages" -le 1 ] || [ "$heads" != "$pages" ]; then
        fail "$pages pages but the header row $heads times"
    fi
    ok "$ROWS rows on $pages pages, the header repeated on each"
}
case_run rows-2000 rows_2000

# One justified paragraph of 100,000 words (240 pages): its breaks and
# the spacing of its narrowed lines were each moved through all the
# others (rp_compose: 40,000 words took 9 s, 60,000 20 s, 160,000 over
# two minutes), and each drawn line was looked for from the paragraph's
# first.  Now about 5 s.
LONG_WORDS=$(scaled 100000 4000)
# paragraph_case N AWK: $IN/case.xml (and the passthrough stylesheet), a
# layout of one justified paragraph in a section "top": what the awk
# program prints (n = N), then ENDOFPARAGRAPH.
paragraph_case() {
    layout_case -
    {
        echo '<document><meta><title>one paragraph</title></meta>'
        echo '<page-template name="p" size="A4" margin-left="15mm" margin-right="15mm"/>'
        echo '<style name="b" font-family="Noto Sans" font-size="10pt" text-align="justify"/>'
        echo '<section id="top" title="Paragraph"><para style="b">'
        awk -v n="$1" "$2"
        echo 'ENDOFPARAGRAPH</para></section></document>'
    } >"$IN/case.xml"
}

long_paragraph() {
    setup layout-long-paragraph
    local PDF_TEXT=0
    paragraph_case "$LONG_WORDS" 'BEGIN { for (i = 1; i <= n / 2; i++) printf "organisation responsibilities " }'
    expect succeed "$PT" '.' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
    [ "$(pdf_info "$IN/out.pdf" Pages)" -gt $((LONG_WORDS / 600)) ] || fail "$(pdf_info "$IN/out.pdf" Pages) pages for $LONG_WORDS words"
    pdftotext -enc UTF-8 "$IN/out.pdf" "$D/text.txt"
    grep -q ENDOFPARAGRAPH "$D/text.txt" || fail "the paragraph's last word is not in the PDF"
    ok "a paragraph of $LONG_WORDS words justified on $(pdf_info "$IN/out.pdf" Pages) pages"
}
case_run long-paragraph long_paragraph

# One paragraph of 30,000 links on 76 pages (page references are links
# too).  Two costs grew with the square of its links:
#   * Pango 1.50 gives the colour of each run after shaping, and starts
#     each run's search for it at the paragraph's first attribute (with
#     the colours given to Pango, 10,000 links took over two minutes);
#     they are applied by rp_compose_finish, a line at a time;
#   * the drawing thread drew each page's linked lines from a copy of the
#     whole paragraph made for that page (88 s before, 4.4 s now); the copy
#     now lasts while the paragraph does (job_copy in render.c).
many_links() {
    setup layout-many-links
    local n PDF_TEXT=0
    n=$(scaled 30000 2000)
    paragraph_case "$n" 'BEGIN { for (i = 1; i <= n; i++) printf "see <link href=\"#top\">part %d</link>, ", i }'
    expect succeed "$PT" '.' -- jd base-role.xml --stylesheet passthrough.xsl -o out.pdf
    local links
    # (into a file: qpdf writes its standard output a few bytes at a time,
    # 9.8 s through a pipe where a file takes 3.2)
    qpdf --qdf --object-streams=disable "$IN/out.pdf" "$D/qdf.pdf"
    links=$(grep -ac '/Subtype /Link' "$D/qdf.pdf")
    [ "$links" -ge "$n" ] || fail "$links link annotations for $n links"
    ok "a paragraph of $n links: $links link annotations on $(pdf_info "$IN/out.pdf" Pages) pages"
}
case_run many-links many_links

# ============================================================ output

output_under_file() {
    setup output-under-file
    printf 'a regular file\n' >"$IN/afile"
    OUT=afile/x.pdf
    expect refuse 'afile/x\.pdf' 'directory|cannot create' -- jd base-role.xml -o afile/x.pdf
    assert_eq "$(cat "$IN/afile")" "a regular file" "the file in the way"
}
case_run output-under-file output_under_file

output_is_dir() {
    setup output-is-dir
    mkdir "$IN/taken.pdf"
    printf 'keep\n' >"$IN/taken.pdf/inside"
    OUT=none.pdf
    expect refuse 'taken\.pdf' 'directory|cannot write' -- jd base-role.xml -o taken.pdf
    if [ "$(cat "$IN/taken.pdf/inside")" != keep ] ||
        [ "$(find "$IN/taken.pdf" -mindepth 1 -printf '%P\n')" != inside ]; then
        fail "the directory taken.pdf was changed"
    fi
}
case_run output-is-directory output_is_dir

# SIGTERM during the handbook export: killed at 0.3 s, and again once the
# temporary output file exists (while the PDF is being written; under the
# sanitizers, where the handbook takes minutes, that run is the career
# guide of one role).  The process ends by the signal (or non-zero), no
# *.tmp-* is left, and the existing output keeps its content.
sigterm() {
    setup sigterm
    printf 'precious\n' >"$IN/hb.pdf"
    local how pid rc t0 deadline cmd
    for how in 0.3s tmp-file; do
        cmd=(handbook "$SRC/xml/" -o hb.pdf)
        if [ "$how" = tmp-file ] && [ "$FULL" != 1 ]; then
            cmd=(guide "$ROLES/lead-cloud-architect.xml" -o hb.pdf)
        fi
        RUN_CMD="(cd $IN) rolepress ${cmd[*]}; kill -TERM after $how"
        (cd "$IN" && exec "$ROLEPRESS" "${cmd[@]}") >"$RUN_OUT" 2>"$RUN_ERR" </dev/null &
        pid=$!
        t0=$(date +%s)
        if [ "$how" = 0.3s ]; then
            sleep 0.3
        else
            deadline=$((t0 + 3 * TMO))
            while ! compgen -G "$IN/hb.pdf.tmp-*" >/dev/null &&
                kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt $deadline ]; do
                sleep 0.005
            done
            if ! compgen -G "$IN/hb.pdf.tmp-*" >/dev/null; then
                kill -KILL "$pid" 2>/dev/null || true
                wait "$pid" || true
                fail "no temporary file appeared within $((3 * TMO))s"
            fi
        fi
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$(($(date +%s) + 30))
        while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt $deadline ]; do sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        rc=0
        wait "$pid" || rc=$?
        RC=$rc
        [ "$rc" != 0 ] || fail "SIGTERM after $how: exit status 0"
        [ "$rc" != $((128 + 9)) ] || fail "SIGTERM after $how: did not end within 30s of SIGTERM"
        [ "$rc" = $((128 + 15)) ] || [ "$rc" -le 2 ] || fail "SIGTERM after $how: exit status $rc"
        if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$RUN_ERR"; then fail "sanitizer report"; fi
        assert_eq "$(cat "$IN/hb.pdf")" precious "hb.pdf after SIGTERM ($how)"
        assert_no_tmp_files "$D"
        ok "SIGTERM after $how (${cmd[0]}): exit $rc, hb.pdf kept, no temporary file"
    done
}
case_run sigterm-handbook sigterm

# A file-size limit: the write fails (EFBIG, SIGXFSZ ignored) with a
# diagnostic naming the output; no partial file; an existing output kept.
file_size_limit() {
    setup file-size-limit
    cp "$ROLES/cloud-architect.xml" "$IN/"
    HRUN_PRE='ulimit -f 20'
    OUT=big.pdf
    expect refuse 'big\.pdf' 'too large|write|size' -- jd cloud-architect.xml -o big.pdf
    printf 'precious\n' >"$IN/kept.pdf"
    OUT=kept.pdf
    hrun jd cloud-architect.xml -o kept.pdf
    check_ended
    check_status refuse
    check_diag 'kept\.pdf' 'too large|write|size'
    assert_eq "$(cat "$IN/kept.pdf")" precious "kept.pdf after a failed write"
    assert_no_tmp_files "$D"
    ok "an existing output is kept when the write fails"
    HRUN_PRE='ulimit -f 8'
    OUT=layout.xml
    expect refuse 'layout\.xml' 'too large|write|size' -- jd cloud-architect.xml --emit layout -o layout.xml
    HRUN_PRE=''
}
case_run file-size-limit file_size_limit

# ============================================================ canary

# The secret detector works: a secret inside the input directory may be
# read (document()), and check_clean must then find it in the PDF and in
# the layout dump.
canary() {
    setup canary
    sheet read-document
    local o
    for o in out.pdf out.xml; do
        OUT=$o
        cp "$D/outside/secret.xml" "$IN/inside.xml"
        if [ $o = out.pdf ]; then hrun jd base-role.xml --stylesheet read-document.xsl --param src=inside.xml -o $o
        else hrun jd base-role.xml --stylesheet read-document.xsl --param src=inside.xml --emit layout -o $o; fi
        check_ended
        check_status succeed
        rm "$IN/inside.xml"
        if (check_clean) 2>/dev/null; then fail "check_clean did not see the secret in $o"; fi
        rm -f "$IN/$o"
        ok "the secret detector finds the secret in $o"
    done
}
case_run canary canary

assert_no_tmp_files "$T"
ok "no *.tmp-* anywhere"
