#!/usr/bin/env bash
# errors.sh - bad inputs and unwritable outputs.
#
# Fixtures (fixtures/*.xml) are small blueprints with their problem on a
# line marked "<!-- E2E-ERROR:"; each case copies what it needs into its own
# directory under the scratch dir and checks:
#   * not well-formed XML -> exit 1, "FILE:N:COL: error: ..." for the marked
#     line N, every diagnostic in that format, no output file;
#   * schema violations (missing element, bad attribute value) -> exit 1,
#     a diagnostic "FILE:N:..." for the marked line; two problems in one
#     file are both reported in one run;
#   * a missing input file, an output path that cannot be created -> exit
#     1 with a diagnostic naming it, no file;
#   * a failed export leaves an existing output file byte-identical, and no
#     temporary file (*.tmp-*) is ever left behind;
#   * an external entity in a blueprint is never expanded into any output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

# setup_case NAME FIXTURE...: a fresh directory $D holding the fixtures.
setup_case() {
    D="$T/$1"
    shift
    mkdir -p "$D"
    local f
    for f in "$@"; do cp "$FIX/$f" "$D/"; done
}

# expect_input_error WHAT: exit 1, nothing on stdout, something on stderr.
expect_input_error() {
    assert_rc 1 "$1"
    assert_stdout_empty "$1"
    [ -s "$RUN_ERR" ] || fail "$1: exit 1 without any diagnostic"
}

# ------------------------------------------------------ not well-formed

# rejected_at FIXTURE LOC: jd and validate both exit 1 with a diagnostic
# "FIXTURE:LOC error:" (LOC a regex such as "12:[0-9]+:"), and jd leaves
# neither an output nor a temporary file.
rejected_at() {
    local fx=$1 loc=$2 q
    q=$(re_quote "$fx")
    RUN_CWD=$D run jd "$fx" -o out.pdf
    expect_input_error "jd $fx"
    assert_stderr_matches "^$q:$loc error: ." "jd: a diagnostic at $loc"
    assert_no_file "$D/out.pdf" "output of a rejected input"
    assert_no_tmp_files "$D"
    ok "$fx: exit 1, '$fx:$loc error:', no output"

    RUN_CWD=$D run validate "$fx"
    expect_input_error "validate $fx"
    assert_stderr_matches "^$q:$loc error: ." "validate: a diagnostic at $loc"
    ok "$fx: validate reports it the same way"
}

malformed() { # FIXTURE
    local fx=$1 n
    setup_case "${fx%.xml}" "$fx"
    n=$(marker_line "$D/$fx")
    rejected_at "$fx" "$n:[0-9]+:"

    # The file is named as given on the command line.
    run jd "$D/$fx" -o "$D/out.pdf"
    expect_input_error "jd $D/$fx"
    assert_stderr_matches "^$(re_quote "$D/$fx"):$n:[0-9]+: error: ." "diagnostics with an absolute path"
    assert_no_file "$D/out.pdf"
    ok "$fx: an absolute input path is named as given"

    # Every line is a diagnostic in the documented FILE:LINE:COL format
    # (no context dumps, no unlocated messages).
    RUN_CWD=$D run validate "$fx"
    assert_stderr_lines_match "^$(re_quote "$fx"):[0-9]+:[0-9]+: error: ." "diagnostics of $fx"
    ok "$fx: every diagnostic is FILE:LINE:COL: error: MESSAGE"
}
case_run malformed-end-tag malformed malformed-end-tag.xml
case_run malformed-start-tag malformed malformed-start-tag.xml

# ---------------------------------------------------- schema violations

schema_one() { # FIXTURE
    local fx=$1 n
    setup_case "${fx%.xml}" "$fx"
    n=$(marker_line "$D/$fx")
    rejected_at "$fx" "$n:([0-9]+:)?"

    # Every diagnostic points into the file (README: "each one on standard
    # error as FILE:LINE:COL: error: MESSAGE").
    assert_stderr_lines_match "^$(re_quote "$fx"):[0-9]+(:[0-9]+)?: error: ." "diagnostics of $fx"
    ok "$fx: every diagnostic names a line"
}
case_run schema-missing-element schema_one schema-missing-element.xml
case_run schema-bad-attribute schema_one schema-bad-attribute.xml

schema_two() {
    local fx=schema-two-problems.xml n1 n2 q cmd
    setup_case two "$fx"
    n1=$(marker_line "$D/$fx" E2E-ERROR-1)
    n2=$(marker_line "$D/$fx" E2E-ERROR-2)
    q=$(re_quote "$fx")
    for cmd in jd validate; do
        if [ $cmd = jd ]; then RUN_CWD=$D run jd "$fx" -o out.pdf; else RUN_CWD=$D run validate "$fx"; fi
        expect_input_error "$cmd $fx"
        assert_stderr_matches "^$q:$n1:([0-9]+:)? error: ." "$cmd: the first problem (line $n1)"
        assert_stderr_matches "^$q:$n2:([0-9]+:)? error: ." "$cmd: the second problem (line $n2)"
        ok "$cmd: both problems (lines $n1 and $n2) reported in one run"
    done
    assert_no_file "$D/out.pdf"
    assert_no_tmp_files "$D"
}
case_run schema-two-problems schema_two

not_a_role() {
    local fx=not-a-role.xml n
    setup_case not-a-role "$fx"
    n=$(marker_line "$D/$fx")
    RUN_CWD=$D run jd "$fx" -o out.pdf
    expect_input_error "jd $fx"
    assert_stderr_matches "^$(re_quote "$fx"):$n:([0-9]+:)? error: ." "a diagnostic for line $n"
    assert_no_file "$D/out.pdf"
    ok "a document that is not a <role>: exit 1, '$fx:$n: error:'"
}
case_run not-a-role not_a_role

# ------------------------------------------------------- missing input

missing_input() {
    setup_case missing valid-role.xml
    run jd "$D/no-such-role.xml" -o "$D/out.pdf"
    expect_input_error "jd of a missing file"
    assert_stderr_matches "^$(re_quote "$D/no-such-role.xml")(:[0-9]+)*: error: ." "a diagnostic naming the missing file"
    assert_no_file "$D/out.pdf"
    ok "missing input: exit 1, diagnostic names it, no output"

    run validate "$D/no-such-role.xml"
    expect_input_error "validate of a missing file"
    assert_stderr_contains "$D/no-such-role.xml"
    ok "validate of a missing input: exit 1, names it"

    # Next to a good input, into a directory: still exit 1 and named.
    run jd "$D/valid-role.xml" "$D/no-such-role.xml" -o "$D/outdir"
    expect_input_error "jd of a good and a missing file"
    assert_stderr_contains "$D/no-such-role.xml"
    assert_no_tmp_files "$D"
    ok "a missing input among good ones: exit 1, named"
}
case_run missing-input missing_input

# -------------------------------------------------------- piped input

# A blueprint from a pipe (a process substitution, /dev/stdin) is read as
# its file is (validate does not hold a pipe's or a descriptor's name to
# the role's id).  It used to be opened twice, and the parser got what the
# first read had left: "Start tag expected" at 1:1.  A pipe has no size to
# check beforehand: one that does not end is refused at the size limit.
piped_input() {
    setup_case piped valid-role.xml
    run_env SOURCE_DATE_EPOCH=0 -- jd "$D/valid-role.xml" -o "$D/file.pdf"
    assert_quiet_success "jd of the file"
    run_env SOURCE_DATE_EPOCH=0 -- jd <(cat "$D/valid-role.xml") -o "$D/pipe.pdf"
    assert_quiet_success "jd of the same blueprint through a process substitution"
    cmp -s "$D/file.pdf" "$D/pipe.pdf" || fail "the PDF from the pipe differs from the file's"
    ok "a blueprint through a pipe: the same PDF as from its file"

    # validate holds a file's name to its role's id; a pipe's name is
    # none: validate of the blueprint through a pipe is quiet
    run validate <(cat "$D/valid-role.xml")
    assert_quiet_success "validate of a blueprint through a process substitution"
    # nor is a descriptor's open on the file (as /dev/stdin < FILE is)
    run validate /dev/fd/3 3<"$D/valid-role.xml"
    assert_quiet_success "validate /dev/fd/3 3<FILE"
    cp "$D/valid-role.xml" "$D/other-name.xml"
    run validate "$D/other-name.xml"
    assert_rc 1 "validate of a blueprint in a file not named for its id"
    assert_stderr_contains "does not match the file name" "the file-name check"
    ok "validate through a pipe or a descriptor: no file name to match; a file's name still is"

    run jd <(yes '<role>') -o "$D/endless.pdf"
    expect_input_error "jd of a pipe that does not end"
    assert_stderr_matches "^/dev/fd/[0-9]+: error: the input is over 16 MiB" "the size limit, named"
    assert_eq "$(wc -l <"$RUN_ERR")" 1 "lines of diagnostics for an endless pipe"
    assert_no_file "$D/endless.pdf" "output of an endless pipe"
    ok "a pipe that does not end: refused at 16 MiB, exit 1, no output"
}
case_run piped-input piped_input

# ------------------------------------- links and pipes in directories

# A directory of blueprints is read once however many links lead into it:
# a link back up used to have the set's scan go forty levels deep, each
# role reported as a duplicate of itself.  A pipe named *.xml there would
# block the export reading it: it is reported, not read.
directory_entries() {
    setup_case dirs
    # A rolepress that followed the links, or opened the pipe, would not
    # end: two links back up make 2^40 paths to scan.
    printf '#!/bin/sh\nexec timeout 60 "%s" "$@"\n' "$ROLEPRESS" >"$D/rolepress-60"
    chmod +x "$D/rolepress-60"
    mkdir -p "$D/set"
    cp -r "$SRC/xml/roles" "$D/set/roles"
    cp "$SRC/xml/ladders.xml" "$D/set/"
    ln -s .. "$D/set/roles/up"
    ln -s ../roles "$D/set/roles/again"
    ROLEPRESS="$D/rolepress-60" run validate "$D/set"
    assert_quiet_success "validate of a set whose roles directory links back up"
    ok "a roles directory with links back up and to itself: each role read once"
    # The same directory or file named twice is read once too: each of
    # its roles was "already used" by itself.
    run validate "$D/set/roles" "$D/set/roles/cloud-architect.xml" "$D/set/roles"
    assert_quiet_success "validate of a directory and a file in it named twice"
    ok "a directory and a file in it named twice: each role read once"
    # Reached by many links, a directory is named by the first in name
    # order, whatever order the file system lists them in.  The links are
    # made neither first to last nor last to first, so that a scan in
    # listing order names another link on a file system listing in
    # creation order or newest first (tmpfs).  Listed by hash (ext4, with
    # a seed of each file system's own), one of the 21 entries comes first
    # at random: three directories of other names leave a scan in listing
    # order about one chance in 9000 of passing.
    local i prefix
    for prefix in m p r; do
        mkdir -p "$D/many-$prefix/sub"
        cp "$FIX/schema-missing-element.xml" "$D/many-$prefix/sub/"
        for i in $(seq 10 20) $(seq 1 9); do ln -s sub "$D/many-$prefix/$prefix$(printf %02d "$i")"; done
        run validate "$D/many-$prefix"
        expect_input_error "validate of a directory reached by twenty links"
        assert_stderr_lines_match "^$(re_quote "$D/many-$prefix/${prefix}01/schema-missing-element.xml"):[0-9]+:[0-9]+: error: " \
            "each diagnostic names the file by the first link in name order"
    done
    ok "a directory reached by twenty links, three times: read once, named by the first link in name order"

    mkdir -p "$D/pipe"
    cp "$FIX/valid-role.xml" "$D/pipe/"
    mkfifo "$D/pipe/waiting.xml"
    ROLEPRESS="$D/rolepress-60" run jd "$D/pipe" -o "$D/pipe-out"
    expect_input_error "jd of a directory holding a pipe"
    assert_stderr_matches "^$(re_quote "$D/pipe/waiting.xml"): error: not a regular file" \
        "the pipe, named"
    assert_eq "$(wc -l <"$RUN_ERR")" 1 "lines of diagnostics for a pipe in a directory"
    assert_no_file "$D/pipe-out" "output of a directory holding a pipe"
    ok "a pipe named *.xml in a directory: reported, not read, exit 1"
}
case_run directory-entries directory_entries

# A directory with no blueprint of its own, or one that cannot be read,
# is named: an unreadable one used to read as "holds no .xml files", and
# one below a set's directory was skipped without a word.
unreadable_directories() {
    setup_case unreadable
    mkdir -p "$D/empty/sub" "$D/set/roles/locked" "$D/set/roles/listed/deep"
    touch "$D/empty/notes.txt" "$D/empty/.hidden.xml"
    cp "$FIX/valid-role.xml" "$D/empty/sub/"
    run jd "$D/empty" -o "$D/empty-out"
    expect_input_error "jd of a directory whose only blueprint is in a directory below"
    assert_stderr_lines_match "^$(re_quote "$D/empty"): error: the directory holds no \.xml files$" \
        "the directory with nothing to export, named"
    assert_no_file "$D/empty-out" "output of a directory with nothing to export"
    # Its blueprints named before it, a directory still has them.
    run validate "$D/empty/sub/valid-role.xml" "$D/empty/sub"
    assert_quiet_success "validate of a blueprint and then its directory"
    ok "a directory with no .xml file of its own (jd does not descend): named, exit 1; one whose files were named first: no error"

    # Root reads any directory: the unreadable ones are read as nobody.
    local as=""
    [ "$(id -u)" != 0 ] || as="setpriv --reuid=65534 --regid=65534 --clear-groups"
    printf '#!/bin/sh\nexec %s %q "$@"\n' "$as" "$ROLEPRESS" >"$D/rolepress-as"
    chmod 755 "$D/rolepress-as" "$T" "$D"
    cp "$SRC"/xml/roles/*.xml "$D/set/roles/"
    cp "$SRC/xml/ladders.xml" "$D/set/"
    cp "$FIX/valid-role.xml" "$D/set/roles/locked/"
    sed 's/id="valid-role"/id="deep-role"/' "$FIX/valid-role.xml" >"$D/set/roles/listed/deep/deep-role.xml"
    chmod -R a+rX "$D/set"
    # Nobody must reach the binary, the data directory and this one.
    ROLEPRESS="$D/rolepress-as" run validate "$D/set"
    if [ "$RC" != 0 ] || [ -s "$RUN_ERR" ]; then
        echo "skip - [unreadable-directories] rolepress as nobody cannot validate a readable set: $(head -n 1 "$RUN_ERR")"
        return 0
    fi
    # Not readable; readable but not searchable (its directory is listed,
    # and cannot be entered).
    chmod 000 "$D/set/roles/locked"
    chmod 444 "$D/set/roles/listed"
    ROLEPRESS="$D/rolepress-as" run validate "$D/set"
    chmod 755 "$D/set/roles/locked" "$D/set/roles/listed"
    expect_input_error "validate of a set holding directories that cannot be read"
    assert_stderr_lines_match "^$(re_quote "$D/set/roles/")(locked|listed/deep): error: cannot read the directory: Permission denied$" \
        "the unreadable directories, named with the reason"
    assert_eq "$(wc -l <"$RUN_ERR")" 2 "lines of diagnostics for two unreadable directories"
    ok "directories below a set that cannot be read or entered: named with the reason, exit 1"
    chmod 000 "$D/set/roles/locked"
    ROLEPRESS="$D/rolepress-as" run validate "$D/set/roles/locked/valid-role.xml"
    chmod 755 "$D/set/roles/locked"
    expect_input_error "validate of a file in a directory that cannot be entered"
    assert_stderr_lines_match "^$(re_quote "$D/set/roles/locked/valid-role.xml"): error: cannot read it: Permission denied$" \
        "the file named, with the reason"
    ok "a file named in a directory that cannot be entered: named with the reason, not 'no such file', exit 1"
    chmod 000 "$D/set"
    ROLEPRESS="$D/rolepress-as" run jd "$D/set" -o "$D/set-out"
    chmod 755 "$D/set"
    expect_input_error "jd of a directory that cannot be read"
    assert_stderr_lines_match "^$(re_quote "$D/set"): error: cannot read the directory: Permission denied$" \
        "the directory named, with the reason"
    assert_no_file "$D/set-out" "output of a directory that cannot be read"
    ok "a directory named on the command line that cannot be read: named with the reason, exit 1"
}
case_run unreadable-directories unreadable_directories

# ------------------------------------------------- unwritable outputs

unwritable() {
    setup_case unwritable valid-role.xml
    # Runs as root in CI, so permissions cannot make a path unwritable:
    # use paths that cannot exist instead.
    printf 'a regular file\n' >"$D/afile"
    run jd "$D/valid-role.xml" -o "$D/afile/x.pdf"
    expect_input_error "jd -o afile/x.pdf (afile is a file)"
    assert_stderr_contains "$D/afile/x.pdf" "a diagnostic naming the output"
    assert_eq "$(cat "$D/afile")" "a regular file" "the file in the way"
    assert_no_tmp_files "$D"
    ok "output under a regular file: exit 1, diagnostic, nothing written"

    local proc=/proc/rolepress-e2e-$$.pdf
    run jd "$D/valid-role.xml" -o "$proc"
    expect_input_error "jd -o $proc"
    assert_stderr_contains "$proc" "a diagnostic naming the output"
    assert_no_file "$proc"
    ok "output in /proc: exit 1, diagnostic, no file"

    # Directory mode: the output directory cannot be created.
    run jd "$D/valid-role.xml" "$ROLES/cloud-architect.xml" -o "$D/afile/outdir"
    expect_input_error "jd -o afile/outdir (afile is a file)"
    assert_stderr_contains "$D/afile/outdir" "a diagnostic naming the output directory"
    ok "output directory under a regular file: exit 1, diagnostic"

    # The output path is a directory: the last step (renaming the finished
    # temporary file into place) fails; the directory is left alone and
    # the temporary file is removed.
    mkdir "$D/taken.pdf"
    printf 'keep\n' >"$D/taken.pdf/inside"
    run jd "$D/valid-role.xml" -o "$D/taken.pdf"
    expect_input_error "jd -o taken.pdf (a directory)"
    assert_stderr_contains "$D/taken.pdf" "a diagnostic naming the output"
    [ -d "$D/taken.pdf" ] && [ "$(cat "$D/taken.pdf/inside")" = keep ] ||
        fail "the directory in the way was changed"
    assert_no_tmp_files "$D"
    ok "output path is a directory: exit 1, diagnostic, no temporary file left"

    # Cairo's PDF is spooled to the temporary directory before it is
    # completed: one that cannot be written to is named, nothing is output.
    TMPDIR="$D/afile" run jd "$D/valid-role.xml" -o "$D/spooled.pdf"
    expect_input_error "jd with TMPDIR under a regular file"
    assert_stderr_contains "cannot create a temporary file in $D/afile" "the temporary directory named"
    assert_no_file "$D/spooled.pdf"
    assert_no_tmp_files "$D"
    ok "unusable temporary directory: exit 1, diagnostic, no output"

    # Both are found out before the document is typeset, not after: a role
    # whose characters no font has gives no warning about them (they are
    # reported while its pages are made), only the error.
    run jd "$FIX/missing-glyph.xml" -o "$D/afile/glyph.pdf"
    expect_input_error "jd -o afile/glyph.pdf"
    ! grep -q "no bundled font has a glyph" "$RUN_ERR" ||
        fail "the document was typeset before its output could not be created"
    TMPDIR="$D/afile" run jd "$FIX/missing-glyph.xml" -o "$D/glyph.pdf"
    expect_input_error "jd with TMPDIR under a regular file"
    ! grep -q "no bundled font has a glyph" "$RUN_ERR" ||
        fail "the document was typeset before its spool could not be created"
    assert_no_file "$D/glyph.pdf"
    assert_no_tmp_files "$D"
    ok "an unusable output or temporary directory stops the document before it is typeset"
}
case_run unwritable-output unwritable

# A failure this late (the PDF is typeset, its file cannot be created)
# ends the run sooner than a success does.  Run it many times: every run
# must end in an orderly exit 1, never in a crash (a race at shutdown
# would show up as an occasional abort).
late_failure_repeated() {
    setup_case late-failure valid-role.xml
    printf 'a regular file\n' >"$D/afile"
    local i
    for ((i = 1; i <= 25; i++)); do
        run jd "$D/valid-role.xml" -o "$D/afile/x.pdf"
        assert_rc 1 "run $i of 25 of jd -o afile/x.pdf"
    done
    assert_no_tmp_files "$D"
    ok "25 runs of a failing export: every one exits 1 (no crash)"
}
case_run late-failure-repeated late_failure_repeated

# A run that does not end (once, in this script, on a new machine: its
# 600 s ran out with no clue) is stopped by the suite's launcher (launch
# in lib.sh), and its case fails at once with the stacks of its threads.
# Here a stylesheet that runs until --timeout 20 stands for it.
hang_reported() {
    setup_case hang valid-role.xml
    cp "$SRC/tests/hostile/fixtures/stylesheet/branching.xsl" "$D/"
    local out rc=0 started=$SECONDS
    out=$( (RP_HANG_SECONDS=1 run jd "$D/valid-role.xml" --stylesheet "$D/branching.xsl" \
        --timeout 20 -o "$D/x.pdf") 2>&1) || rc=$?
    assert_hang_report "$rc" "$out" "$started"
    ok "a run that does not end is stopped, and its case fails with its threads' stacks"
}
case_run hang-reported hang_reported

# --------------------------------------- existing outputs are kept as is

keep_existing() {
    setup_case keep valid-role.xml malformed-end-tag.xml schema-two-problems.xml not-a-role.xml
    cp "$FIX/terminate.xsl" "$D/"
    local fx args
    for fx in malformed-end-tag.xml schema-two-problems.xml not-a-role.xml no-such-file.xml \
        "valid-role.xml --stylesheet terminate.xsl"; do
        read -r -a args <<<"$fx"
        printf 'precious %s\n' "$fx" >"$D/existing.pdf"
        cp "$D/existing.pdf" "$D/expected"
        RUN_CWD=$D run jd "${args[@]}" -o existing.pdf
        expect_input_error "jd $fx -o existing.pdf"
        cmp -s "$D/existing.pdf" "$D/expected" || fail "$fx: the existing output file was changed"
        assert_no_tmp_files "$D"
        ok "$fx: a failed export keeps the existing output byte-identical"
    done

    # Directory mode: an existing <id>.pdf is kept when its role fails (here
    # in the stylesheet, after the id is known).
    mkdir -p "$D/dir"
    printf 'precious dir\n' >"$D/dir/valid-role.pdf"
    cp "$D/dir/valid-role.pdf" "$D/expected"
    run jd --stylesheet "$D/terminate.xsl" "$D/valid-role.xml" "$ROLES/cloud-architect.xml" -o "$D/dir"
    expect_input_error "jd --stylesheet terminate.xsl ... -o dir/"
    cmp -s "$D/dir/valid-role.pdf" "$D/expected" || fail "dir/valid-role.pdf was changed"
    assert_no_file "$D/dir/cloud-architect.pdf" "PDF of a failed stylesheet"
    assert_no_tmp_files "$D"
    ok "directory mode: a failed export keeps the existing <id>.pdf"

    # And a successful export does replace it (so the check above means
    # something).
    run jd "$D/valid-role.xml" "$ROLES/cloud-architect.xml" -o "$D/dir"
    assert_quiet_success "jd valid-role.xml cloud-architect.xml -o dir/"
    assert_pdf "$D/dir/valid-role.pdf"
    assert_pdf "$D/dir/cloud-architect.pdf"
    ok "a successful export replaces the existing file"
}
case_run keep-existing keep_existing

# ------------------------------------------- a mixed batch reports the bad

mixed_batch() {
    setup_case mixed
    mkdir -p "$D/in"
    cp "$FIX/malformed-end-tag.xml" "$FIX/valid-role.xml" "$D/in/"
    run jd "$D/in" -o "$D/out"
    expect_input_error "jd of a directory with one malformed blueprint"
    assert_stderr_matches "^$(re_quote "$D/in/malformed-end-tag.xml"):[0-9]+:[0-9]+: error: ." "a diagnostic for the malformed file"
    if grep -q 'valid-role' "$RUN_ERR"; then fail "a diagnostic names the good blueprint"; fi
    assert_no_tmp_files "$D"
    ok "a batch with one malformed blueprint: exit 1, only the bad file named"
}
case_run mixed-batch mixed_batch

# ------------------------------------------------------ external entity

external_entity() {
    setup_case xxe external-entity.xml xxe-secret.txt
    local secret=XXE-SECRET-7f3a9c
    RUN_CWD=$D run jd external-entity.xml -o out.pdf
    [ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "exit status $RC$(signal_note "$RC")"
    if grep -q "$secret" "$RUN_OUT" "$RUN_ERR"; then fail "the entity's file content was printed"; fi
    if [ -f "$D/out.pdf" ] && pdftotext "$D/out.pdf" - 2>/dev/null | grep "$secret" >/dev/null; then
        fail "the entity's file content is in the PDF"
    fi
    RUN_CWD=$D run jd --emit layout external-entity.xml -o out.xml
    if [ -f "$D/out.xml" ] && grep -q "$secret" "$D/out.xml"; then
        fail "the entity's file content is in the layout XML"
    fi
    assert_no_tmp_files "$D"
    ok "an external entity is never expanded into the output"
}
case_run external-entity external_entity

# Nothing temporary anywhere in the scratch tree.
assert_no_tmp_files "$T"
ok "no *.tmp-* file anywhere after all the failures"
