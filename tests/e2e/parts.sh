#!/usr/bin/env bash
# parts.sh - a long document drawn as several Cairo documents and joined
# (render.c, pdfjoin.c) reads exactly as the same document drawn whole.
#
# The shipped handbook (167 pages) is exported drawn whole
# (ROLEPRESS_PART_PAGES=0), in parts of one page (every page break a part
# break: every table, list and section that runs on is cut) and as it
# ships (parts of 100).  Each must be tagged and complete as tagged.sh
# asks of every export, and read back the same as the whole one:
#   - text (pdftotext), page for page;
#   - the outline, each entry with its page and position (mutool);
#   - every page's label, every link annotation and where it leads, every
#     named destination, and the parent tree's map from each page's marked
#     content to its elements (pdf_digest.py, read with qpdf --json).
# The structure tree with the text of each element (pdfinfo -struct-text,
# object numbers aside) is compared on a smaller handbook, of the
# benchmark's first 8 roles (41 pages), drawn whole and in parts of one
# page, where every element that runs on is cut: poppler's time for it
# grows with elements times pages (30 s for the shipped book, 2 s here).
# That two exports of the book, joined by default, give the same bytes is
# for handbook.sh to show (and build.sh, with -j 1 and -j 2); here, that
# -j 1 and -j 2 do in parts of one page, where both threads join parts.  When the
# temporary files cannot grow (a file-size limit of 1.5 MB, SIGXFSZ ignored: in
# parts of 10 pages the joined file outgrows it part way, at the default
# the first part or the joined file), the export fails with one
# diagnostic, exit 1, no PDF and nothing left in $TMPDIR.  Last,
# cached_read (lib.sh), which the readers above go through, keeps a
# reader's status and output and reads changed bytes again.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

HANDBOOK="$SRC/xml"

export_with() { # PAGES: the handbook into $T/parts-PAGES.pdf, read back
    local n=$1 pdf="$T/parts-$1.pdf"
    run_env SOURCE_DATE_EPOCH=1700000000 ROLEPRESS_PART_PAGES="$n" -- handbook "$HANDBOOK" -o "$pdf"
    assert_quiet_success "the handbook in parts of $n pages"
    assert_pdf "$pdf"
    pdf_check "$pdf" >"$T/check-$n.txt" || fail "qpdf --check fails on parts of $n: $(tail -n 3 "$T/check-$n.txt")"
    [ "$(pdf_info "$pdf" Tagged)" = yes ] || fail "parts of $n: pdfinfo does not report it as tagged"
    pdf_qdf "$pdf" "$T/qdf-$n.pdf" --static-id
    cached_read python3 "$E2E_DIR/unmarked.py" "$T/qdf-$n.pdf" >"$T/unmarked-$n.txt" ||
        fail "parts of $n: $(head -n 3 "$T/unmarked-$n.txt" | tr '\n' ' ')"
    [ "$(carriers_left "$T/qdf-$n.pdf")" = 0 ] || fail "parts of $n: a carrier element is left in the tree"
    pdftotext -enc UTF-8 "$pdf" "$T/text-$n.txt"
    mutool show "$pdf" outline >"$T/outline-$n.txt"
    cached_read python3 "$E2E_DIR/pdf_digest.py" "$pdf" >"$T/digest-$n.txt"
}

same_as_whole() { # PAGES WHAT
    local n=$1 what=$2
    cmp -s "$T/$what-0.txt" "$T/$what-$n.txt" ||
        fail "parts of $n pages: the $what differs from the book drawn whole: $(diff "$T/$what-0.txt" "$T/$what-$n.txt" | head -n 4 | cut -c1-160 | tr '\n' ' ')"
}

export_with 0
[ "$(pdf_info "$T/parts-0.pdf" Pages)" -gt 100 ] || fail "the shipped handbook has 100 pages or fewer: it is drawn whole by default"
grep -q '^link ' "$T/digest-0.txt" || fail "the whole book has no links to compare"
grep -q '^tree ' "$T/digest-0.txt" || fail "the whole book has no parent tree to compare"
ok "the handbook drawn whole: $(pdf_info "$T/parts-0.pdf" Pages) pages, $(grep -c '^link ' "$T/digest-0.txt") links"

check_parts() { # PAGES
    local n=$1 what
    export_with "$n"
    for what in text outline digest; do
        same_as_whole "$n" "$what"
    done
    ok "in parts of ${n:-100 (the default)} pages: text, outline, labels, links, destinations and parent tree as drawn whole"
}
for n in 1 ""; do
    case_run "parts-${n:-default}" check_parts "$n"
done

# The structure tree, element by element with its text, on a smaller book.
struct_tree() {
    local set="$T/set8" n
    python3 "$SRC/tests/bench/gen_roles.py" 8 "$set" >/dev/null
    for n in 0 1; do
        run_env SOURCE_DATE_EPOCH=1700000000 ROLEPRESS_PART_PAGES="$n" -- handbook "$set" -o "$T/set8-$n.pdf"
        assert_quiet_success "the 8-role handbook in parts of $n pages"
        cached_read pdfinfo -struct-text "$T/set8-$n.pdf" 2>/dev/null | sed 's/Object [0-9]* [0-9]*/Object N/' >"$T/tree-$n.txt"
    done
    [ "$(pdf_info "$T/set8-0.pdf" Pages)" -gt 30 ] || fail "the 8-role handbook has 30 pages or fewer"
    [ "$(grep -c '^ *Table' "$T/tree-0.txt")" -gt 10 ] || fail "the 8-role handbook's structure tree has few tables"
    same_as_whole 1 tree
    ok "an 8-role handbook in parts of one page: each element of the structure tree holds the text it holds drawn whole ($(wc -l <"$T/tree-0.txt") lines)"
}
case_run struct-tree struct_tree

# The parts themselves differ from the whole (each embeds its own font
# subsets), so the default's must really have been joined.
joined() {
    ! cmp -s "$T/parts-0.pdf" "$T/parts-.pdf" || fail "the default export is the book drawn whole: no part was joined"
    ok "drawn in parts by default"
}
case_run joined joined

# With a drawing thread (-j 2) a finished part is joined by the layout
# thread while it waits for the drawing thread, or by the drawing thread
# when another part ends first; without one (-j 1) at once.  In parts of
# one page both threads join parts, in the order drawn: the same bytes.
threads() {
    local set="$T/set-threads" j
    python3 "$SRC/tests/bench/gen_roles.py" 8 "$set" >/dev/null
    for j in 1 2; do
        run_env SOURCE_DATE_EPOCH=1700000000 ROLEPRESS_PART_PAGES=1 -- handbook "$set" -o "$T/threads-$j.pdf" -j "$j"
        assert_quiet_success "the 8-role handbook in parts of one page, -j $j"
    done
    cmp -s "$T/threads-1.pdf" "$T/threads-2.pdf" ||
        fail "parts of one page joined with a drawing thread differ from those joined without: $(pdf_difference "$T/threads-1.pdf" "$T/threads-2.pdf")"
    ok "an 8-role handbook in parts of one page ($(pdf_info "$T/threads-2.pdf" Pages) pages): the same bytes with -j 1 and -j 2"
}
case_run threads threads

limited() { # PAGES
    local n=$1 dir="$T/limited-${1:-default}" rc=0
    mkdir -p "$dir/tmp"
    RUN_CMD="(ulimit -f 1500) ROLEPRESS_PART_PAGES=$n TMPDIR=$dir/tmp rolepress handbook xml -o $dir/book.pdf"
    (
        ulimit -f 1500
        trap '' XFSZ
        exec env ROLEPRESS_PART_PAGES="$n" TMPDIR="$dir/tmp" "$ROLEPRESS" handbook "$HANDBOOK" -o "$dir/book.pdf"
    ) >"$RUN_OUT" 2>"$RUN_ERR" </dev/null || rc=$?
    RC=$rc
    assert_rc 1 "a file-size limit, parts of ${n:-100} pages"
    assert_stderr_lines_match "^$dir/book\.pdf: error: cannot write the PDF: cannot write a temporary file in $dir/tmp: File too large$" "parts of ${n:-100} pages"
    assert_eq "$(wc -l <"$RUN_ERR")" 1 "lines of diagnostics"
    assert_no_file "$dir/book.pdf" "parts of ${n:-100} pages"
    [ -z "$(find "$dir" -type f)" ] || fail "files left behind: $(find "$dir" -type f | head -n 3 | tr '\n' ' ')"
    ok "a file-size limit in parts of ${n:-100} pages: exit 1, one diagnostic, no PDF, no temporary file"
}
for n in 10 ""; do
    case_run "limited-${n:-default}" limited "$n"
done



# cached_read (lib.sh), which reads the PDFs above back once for both CI
# stages, gives a reader's output and exit status whether it ran or not,
# and runs it again when a file's bytes change.
cached_reader() {
    local cache="$T/reads" out rc
    mkdir -p "$cache"
    printf 'first\n' >"$T/input.txt"
    # shellcheck disable=SC2016 # $0 is the reader's own
    for pass in ran kept; do
        rc=0
        out=$(RP_READ_CACHE="$cache" cached_read sh -c 'cat "$0"; echo read >>"$0.count"; exit 3' "$T/input.txt") || rc=$?
        assert_eq "$rc $out" "3 first" "cached_read's status and output ($pass)"
    done
    assert_eq "$(wc -l <"$T/input.txt.count")" 1 "times the reader ran for two reads of the same bytes"
    printf 'second\n' >"$T/input.txt"
    rc=0
    out=$(RP_READ_CACHE="$cache" cached_read sh -c 'cat "$0"; echo read >>"$0.count"; exit 3' "$T/input.txt") || rc=$?
    assert_eq "$rc $out" "3 second" "cached_read's status and output for changed bytes"
    ok "cached_read: the reader's status and output kept, the reader run again for new bytes"
}
case_run cached-read cached_reader
