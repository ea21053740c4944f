#!/usr/bin/env bash
# param.sh - --param NAME=VALUE reaches the stylesheet.
#
#   * the shipped job-description stylesheet takes "paper": paper=Letter
#     gives Letter pages, paper=A4 A4, paper=A5 A5; --param paper=Letter and
#     --paper letter give the same bytes (SOURCE_DATE_EPOCH set);
#   * a user stylesheet receives its own parameters as plain strings
#     (spaces, quotes, '=' and non-ASCII characters kept), and its default
#     applies when the parameter is not given.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

ROLE="$ROLES/cloud-architect.xml"

shipped_paper() {
    run jd --param paper=Letter "$ROLE" -o "$T/letter.pdf"
    assert_quiet_success "jd --param paper=Letter"
    assert_page_size "$T/letter.pdf" 612 792 "--param paper=Letter"
    ok "--param paper=Letter gives Letter (612 x 792 pt)"

    run jd --param paper=A4 "$ROLE" -o "$T/a4.pdf"
    assert_quiet_success "jd --param paper=A4"
    assert_page_size "$T/a4.pdf" 595.276 841.89 "--param paper=A4"
    ok "--param paper=A4 gives A4"

    run jd --param paper=A5 "$ROLE" -o "$T/a5.pdf"
    assert_quiet_success "jd --param paper=A5"
    assert_page_size "$T/a5.pdf" 419.528 595.276 "--param paper=A5"
    ok "--param paper=A5 gives A5"
}
case_run shipped-paper shipped_paper

same_as_paper_option() {
    run_env SOURCE_DATE_EPOCH=1700000000 -- jd --param paper=Letter "$ROLE" -o "$T/p1.pdf"
    assert_quiet_success "jd --param paper=Letter"
    run_env SOURCE_DATE_EPOCH=1700000000 -- jd --paper letter "$ROLE" -o "$T/p2.pdf"
    assert_quiet_success "jd --paper letter"
    cmp -s "$T/p1.pdf" "$T/p2.pdf" || fail "--param paper=Letter and --paper letter give different PDFs"
    ok "--param paper=Letter and --paper letter give identical PDFs"
}
case_run same-as-paper-option same_as_paper_option

user_params() {
    local sheet="$FIX/custom-a5-furniture.xsl" text value
    run jd --stylesheet "$sheet" "$ROLE" -o "$T/default.pdf"
    assert_quiet_success "jd --stylesheet custom-a5-furniture.xsl"
    assert_page_size "$T/default.pdf" 419.528 595.276 "custom-a5-furniture.xsl"
    text=$(pdftotext "$T/default.pdf" - | normalize)
    [[ $text == *"Greeting: no greeting"* ]] || fail "the parameter's default is not used: $text"
    ok "a user stylesheet's parameter default applies"

    value="It's \"quoted\" – a=b, ≥ 2"
    run jd --stylesheet "$sheet" --param "greeting=$value" "$ROLE" -o "$T/given.pdf"
    assert_quiet_success "jd --stylesheet custom-a5-furniture.xsl --param greeting=..."
    text=$(pdftotext "$T/given.pdf" - | normalize)
    [[ $text == *"Greeting: $value"* ]] || fail "the parameter did not arrive as given ('$value'): $text"
    ok "a user stylesheet gets --param values verbatim"

}
case_run user-params user_params

# The same parameter twice is either honoured (one value wins) or a usage
# error (exit 2); it is not an error in the input, and not the
# stylesheet's fault.
repeated_param() {
    local sheet="$FIX/custom-a5-furniture.xsl" text
    run jd --stylesheet "$sheet" --param greeting=first --param greeting=second "$ROLE" -o "$T/twice.pdf"
    [ "$RC" = 0 ] || [ "$RC" = 2 ] || fail "--param greeting twice: exit $RC$(signal_note "$RC"), expected 0 or 2"
    if [ "$RC" = 0 ]; then
        text=$(pdftotext "$T/twice.pdf" - | normalize)
        [[ $text == *"Greeting: second"* ]] || [[ $text == *"Greeting: first"* ]] ||
            fail "a repeated parameter arrived as neither value: $text"
    fi
    ok "the same --param twice: exit $RC"
}
case_run repeated-param repeated_param

paper_and_param() {
    # The README: "--paper a4|letter: the same as --param paper=A4|Letter".
    run jd --paper letter --param paper=Letter "$ROLE" -o "$T/both.pdf"
    [ "$RC" = 0 ] || [ "$RC" = 2 ] || fail "--paper letter --param paper=Letter: exit $RC$(signal_note "$RC"), expected 0 or 2"
    if [ "$RC" = 0 ]; then
        assert_page_size "$T/both.pdf" 612 792 "--paper letter --param paper=Letter"
    fi
    ok "--paper letter with --param paper=Letter: exit $RC"
}
case_run paper-and-param paper_and_param
