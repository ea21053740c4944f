#!/usr/bin/env bash
# stylesheet.sh - --stylesheet FILE: user stylesheets.
#
#   * a minimal self-contained stylesheet producing valid layout XML (an A5
#     page template, one paragraph with the role title) -> exit 0, quiet,
#     an A5 PDF showing the title;
#   * output that is not valid layout XML (root <html>; a <para> with an
#     unknown attribute) -> exit 1, the diagnostic names the stylesheet;
#   * a stylesheet that is not well-formed or not valid XSLT -> exit 1, the
#     diagnostic names the stylesheet and the line;
#   * xsl:message terminate="yes" -> exit 1, the message is shown;
#   * exsl:document / xsl:document (writing a file) -> exit 1, no file;
#   * document() outside the input and data directories (beside the
#     stylesheet too) -> not read;
#   * a missing stylesheet -> exit 1, named.
# No failure writes a PDF, keeps a temporary file or touches an existing
# output file.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

ROLE="$ROLES/cloud-architect.xml"
TITLE=$(xml_str "$ROLE" 'normalize-space(/role/title)')

# setup_case NAME STYLESHEET: $D holds a copy of the stylesheet (so that
# diagnostics name it by a short relative path), $S its name.
setup_case() {
    D="$T/$1"
    S=$2
    mkdir -p "$D"
    cp "$FIX/$S" "$D/"
}

# expect_sheet_error WHAT: exit 1, nothing on stdout, a diagnostic that
# names the stylesheet ($S), no PDF, no temporary file.
expect_sheet_error() {
    assert_rc 1 "$1"
    assert_stdout_empty "$1"
    assert_stderr_matches "^$(re_quote "$S")(:[0-9]+)*: error: ." "a diagnostic naming $S"
    assert_no_file "$D/out.pdf" "PDF of a failed stylesheet"
    assert_no_tmp_files "$D"
}

# ------------------------------------------------------------ success

custom_a5() {
    setup_case custom-a5 custom-a5.xsl
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    assert_quiet_success "jd --stylesheet custom-a5.xsl"
    assert_pdf "$D/out.pdf"
    assert_page_size "$D/out.pdf" 419.528 595.276 "custom-a5.xsl"
    pdftotext "$D/out.pdf" - | normalize | grep -F -- "$TITLE" >/dev/null ||
        fail "the PDF of custom-a5.xsl does not show the title '$TITLE'"
    assert_eq "$(pdf_info "$D/out.pdf" Title)" "$TITLE" "PDF Title from the custom meta/title"
    assert_no_tmp_files "$D"
    ok "a minimal user stylesheet: exit 0, quiet, A5, shows '$TITLE'"
}
case_run custom-a5 custom_a5

# ------------------------------------------------ output is not layout

not_layout() { # STYLESHEET [TEXT-IN-MESSAGE]
    setup_case "${1%.xsl}" "$1"
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    expect_sheet_error "jd --stylesheet $S"
    [ -z "${2:-}" ] || assert_stderr_contains "$2" "the diagnostic of $S"
    ok "$S: exit 1, diagnostic names the stylesheet, no PDF"
}
case_run not-layout-html not_layout not-layout-html.xsl '<html>'
case_run not-layout-attribute not_layout not-layout-attribute.xsl colour

# ------------------------------------------------ broken stylesheets

syntax_error() {
    setup_case syntax-error syntax-error.xsl
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    expect_sheet_error "jd --stylesheet $S"
    ok "$S (not well-formed): exit 1, diagnostic names the stylesheet, no PDF"
}
case_run syntax-error syntax_error

# Diagnostics about a stylesheet follow the documented FILE:LINE:COL form
# too, with the line of the problem, and nothing but diagnostics.
syntax_error_located() {
    setup_case syntax-error-located syntax-error.xsl
    local n q
    n=$(marker_line "$D/$S")
    q=$(re_quote "$S")
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    assert_rc 1 "jd --stylesheet $S"
    assert_stderr_matches "^$q:$n:([0-9]+:)? error: ." "a diagnostic for line $n of $S"
    assert_stderr_lines_match "^$q:[0-9]+(:[0-9]+)?: error: ." "diagnostics of $S"
    ok "$S: diagnostics are '$S:$n:...: error: ...'"
}
case_run syntax-error-located syntax_error_located

xslt_error() {
    setup_case xslt-error xslt-error.xsl
    local n
    n=$(marker_line "$D/$S")
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    expect_sheet_error "jd --stylesheet $S"
    assert_stderr_matches "^$(re_quote "$S"):$n:([0-9]+:)? error: ." "a diagnostic for line $n"
    ok "$S (invalid XSLT): exit 1, '$S:$n: error:', no PDF"
}
case_run xslt-error xslt_error

terminate() {
    setup_case terminate terminate.xsl
    printf 'precious\n' >"$D/out.pdf"
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    assert_rc 1 "jd --stylesheet $S"
    assert_stdout_empty "jd --stylesheet $S"
    assert_stderr_matches "^$(re_quote "$S")(:[0-9]+)*: error: .*Boom" "the message, attributed to $S"
    assert_eq "$(cat "$D/out.pdf")" precious "the existing out.pdf after a failed stylesheet"
    assert_no_tmp_files "$D"
    ok "xsl:message terminate=yes: exit 1, 'Boom' shown, existing output kept"
}
case_run terminate terminate

# ------------------------------------------------------- sandboxing

write_file() { # STYLESHEET
    setup_case "${1%.xsl}" "$1"
    local target="$D/written-abs.txt"
    # An absolute target, and the default relative one.
    RUN_CWD=$D run jd --stylesheet "$S" --param "target=$target" "$ROLE" -o out.pdf
    expect_sheet_error "jd --stylesheet $S (absolute target)"
    assert_no_file "$target" "file written by the stylesheet"
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    expect_sheet_error "jd --stylesheet $S (relative target)"
    local found
    found=$(find "$T" / -maxdepth 1 -name 'written-by-stylesheet.txt' 2>/dev/null | head -n 1)
    [ -z "$found" ] || fail "the stylesheet wrote $found"
    [ -z "$(find "$T" -name 'written*')" ] || fail "the stylesheet wrote $(find "$T" -name 'written*')"
    [ ! -e "$SRC/written-by-stylesheet.txt" ] || fail "the stylesheet wrote into the source tree"
    ok "$S: writing a file is refused (exit 1, no file, no PDF)"
}
case_run write-exsl-document write_file write-exsl-document.xsl
case_run write-xsl-document write_file write-xsl-document.xsl

read_outside() {
    setup_case read-outside read-outside.xsl
    mkdir -p "$D/in" "$D/outside"
    cp "$FIX/valid-role.xml" "$D/in/"
    local secret=OUTSIDE-SECRET-5b21 file
    printf '<secret>%s</secret>\n' "$secret" >"$D/outside/secret.xml"
    # beside the stylesheet: xsl:import may read there, document() not
    cp "$D/outside/secret.xml" "$D/beside-the-stylesheet.xml"
    for file in "$D/outside/secret.xml" "$D/beside-the-stylesheet.xml"; do
        rm -f "$D/out.pdf"
        RUN_CWD=$D run jd --stylesheet "$S" --param "src=$file" in/valid-role.xml -o out.pdf
        [ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "exit status $RC$(signal_note "$RC")"
        if grep -q "$secret" "$RUN_OUT" "$RUN_ERR"; then fail "the content of $file was printed"; fi
        if [ -f "$D/out.pdf" ] && pdftotext "$D/out.pdf" - | grep "$secret" >/dev/null; then
            fail "document() read $file, outside the input and data directories"
        fi
        assert_no_tmp_files "$D"
    done
    # the control: under the input's directory, the same file is read
    cp "$D/outside/secret.xml" "$D/in/secret.xml"
    RUN_CWD=$D run jd --stylesheet "$S" --param "src=$D/in/secret.xml" in/valid-role.xml -o out.pdf
    assert_quiet_success "document() of a file under the input's directory"
    pdftotext "$D/out.pdf" - | grep -q "$secret" || fail "document() did not read a file under the input's directory"
    ok "document() does not read a file outside the input and data directories, nor beside the stylesheet"
}
case_run read-outside read_outside

missing_sheet() {
    D="$T/missing"
    S=no-such-stylesheet.xsl
    mkdir -p "$D"
    RUN_CWD=$D run jd --stylesheet "$S" "$ROLE" -o out.pdf
    expect_sheet_error "jd --stylesheet $S (missing)"
    ok "a missing stylesheet: exit 1, named, no PDF"
}
case_run missing-stylesheet missing_sheet
