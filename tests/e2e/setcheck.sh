#!/usr/bin/env bash
# setcheck.sh - `rolepress validate` on the role set as a whole.
#
# The shipped set: `rolepress validate xml/` and `... xml/roles` exit 0
# and print nothing (so does an untouched copy of it, the control for the
# cases below).  Each case copies xml/roles/*.xml and xml/ladders.xml into
# its own DIR (DIR/roles/*.xml + DIR/ladders.xml), breaks ONE thing with
# sed at a known line (found with grep -n on the modified copy), runs
# `rolepress validate DIR` and checks: exit 1, nothing on stdout, a
# diagnostic "FILE:LINE:COL: error: MESSAGE" (COL > 0) at exactly that
# file and line whose message names the problem, and no other diagnostic:
#   * a dangling reference (career-path move and reports-to);
#   * a promotion cycle (and the promotion that goes down the ladder);
#   * a duplicate id (reported at the copy, naming the first file);
#   * promotions to the same and to a lower level;
#   * an undefined family, level, proficiency (one error per skill line);
#   * an id that does not match the file name;
#   * all of them at once: every error in ONE run, sorted by file, line.
# The diagnostics of each of these runs come out sorted by file, then
# line.  A blueprint that breaks the schema is reported without a cascade
# of "not in the set" errors in the roles that refer to it.  Also: a
# ladders.xml that breaks its schema is reported at its file and line,
# and --ladder picks another ladder (one without the 'security' family
# makes exactly the four security roles fail; the shipped ladder given
# with --ladder overrides a broken DIR/ladders.xml).  A job description
# and a career guide print the family names of DIR/ladders.xml beside
# DIR/roles/, or of the ladder --ladder names (found through odd
# directory names and links), and a broken one fails them, said once for
# a batch.  The ladder's own checks (an id twice, a rank shared) are
# located at the later entry.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

# ----------------------------------------------------------- helpers

# new_set NAME: a fresh copy of the shipped set in $D (roles/ + ladders.xml);
# $EXP ($D/.expected) collects the diagnostics the case expects, one
# "FILE<TAB>LINE<TAB>ERE-of-the-message" per line.
new_set() {
    D="$T/$1"
    mkdir -p "$D/roles"
    cp "$ROLES"/*.xml "$D/roles/"
    cp "$SRC/xml/ladders.xml" "$D/"
    EXP="$D/.expected"
    : >"$EXP"
}

# edit FILE SED-SCRIPT: apply the edit, and fail unless it changed FILE
# (the shipped blueprints moved on: the case must be adapted).
edit() {
    local f=$1
    cp "$f" "$T/.before"
    sed -i -e "$2" "$f"
    ! cmp -s "$f" "$T/.before" || fail "the edit '$2' did not change $f"
}

# line_of FILE FIXED-STRING: the number of the one line holding the string.
line_of() {
    local hits
    hits=$(grep -nF -- "$2" "$1" | cut -d: -f1)
    [ -n "$hits" ] || fail "no line of $1 holds '$2'"
    [ "$(printf '%s\n' "$hits" | wc -l)" -eq 1 ] || fail "several lines of $1 hold '$2': $(tr '\n' ' ' <<<"$hits")"
    echo "$hits"
}

# expect FILE LINE MESSAGE-ERE: one more expected diagnostic.
expect() {
    printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$EXP"
}

# check_sorted WHAT: the diagnostics are sorted by file (byte order), then
# line (as a number).
check_sorted() {
    cut -d: -f1,2 "$RUN_ERR" >"$T/.order"
    LC_ALL=C sort -s -t: -k1,1 -k2,2n "$T/.order" | cmp -s - "$T/.order" ||
        fail "$1: the diagnostics are not sorted by file, then line"
}

# check_expected WHAT: after `run validate ...`: exit 1, quiet stdout, every
# line of stderr a located error with a positive column, every expected
# diagnostic present, none other, in sorted order.
check_expected() {
    local what=$1 file line msg n want
    assert_rc 1 "$what"
    assert_stdout_empty "$what"
    assert_stderr_lines_match '^[^:]+:[0-9]+:[1-9][0-9]*: error: .' "diagnostics of $what"
    while IFS=$'\t' read -r file line msg; do
        assert_stderr_matches "^$(re_quote "$file"):$line:[1-9][0-9]*: error: .*$msg" \
            "$what: a diagnostic at ${file#"$T"/}:$line matching /$msg/"
    done <"$EXP"
    n=$(wc -l <"$RUN_ERR")
    want=$(wc -l <"$EXP")
    [ "$n" -eq "$want" ] ||
        fail "$what: $n diagnostics, expected exactly $want (the others are unexpected)"
    check_sorted "$what"
}

# ------------------------------------------------------ the breakages
# Each takes the set directory, edits one file and records what it
# expects.  They touch different places, so that all of them can be
# applied to one copy too.

break_dangling() { # the promotion to lead-cloud-architect (and reports-to)
    local f=$1/roles/cloud-architect.xml n
    edit "$f" 's/role="lead-cloud-architect"/role="no-such-architect"/g'
    n=$(line_of "$f" '<move kind="promotion" role="no-such-architect"')
    expect "$f" "$n" "career path refers to role 'no-such-architect', which is not in the set"
    n=$(line_of "$f" '<reports-to role="no-such-architect"')
    expect "$f" "$n" "reports-to refers to role 'no-such-architect', which is not in the set"
}

break_cycle() { # lead-data-architect "promoted" back to data-architect
    local f=$1/roles/lead-data-architect.xml n
    edit "$f" 's/<move kind="feeder" role="data-architect">/<move kind="promotion" role="data-architect">/'
    n=$(line_of "$f" '<move kind="promotion" role="data-architect">')
    expect "$f" "$n" "promotion cycle: (data-architect → lead-data-architect → data-architect|lead-data-architect → data-architect → lead-data-architect)"
    expect "$f" "$n" "promotion to 'data-architect' does not go up the ladder"
}

break_duplicate() { # zz-copy.xml: a second iam-architect
    local f=$1/roles/zz-copy.xml n
    cp "$1/roles/iam-architect.xml" "$f"
    n=$(line_of "$f" '<role id="iam-architect"')
    expect "$f" "$n" "role id 'iam-architect' is already used by $(re_quote "$1/roles/iam-architect.xml")"
    # ... and the file is not named after its id either.
    expect "$f" "$n" "role id 'iam-architect' does not match the file name"
}

break_same_level() { # Staff -> Staff
    local f=$1/roles/infrastructure-architect.xml n
    edit "$f" 's/<move kind="promotion" role="lead-infrastructure-architect">/<move kind="promotion" role="cloud-architect">/'
    n=$(line_of "$f" '<move kind="promotion" role="cloud-architect">')
    expect "$f" "$n" "promotion to 'cloud-architect' does not go up the ladder"
}

break_lower_level() { # Principal -> Staff
    local f=$1/roles/lead-network-architect.xml n
    edit "$f" 's/<move kind="promotion" role="distinguished-architect">/<move kind="promotion" role="enterprise-architect">/'
    n=$(line_of "$f" '<move kind="promotion" role="enterprise-architect">')
    expect "$f" "$n" "promotion to 'enterprise-architect' does not go up the ladder"
}

break_family() {
    local f=$1/roles/data-architect.xml n
    edit "$f" 's|<family>data-ai</family>|<family>quantum-ai</family>|'
    n=$(line_of "$f" '<family>quantum-ai</family>')
    expect "$f" "$n" "family 'quantum-ai' is not defined"
}

break_level() {
    local f=$1/roles/analytics-architect.xml n
    edit "$f" 's|<level>staff</level>|<level>grandmaster</level>|'
    n=$(line_of "$f" '<level>grandmaster</level>')
    expect "$f" "$n" "level 'grandmaster' is not defined"
}

break_proficiency() { # every "advanced" skill of cloud-architect
    local f=$1/roles/cloud-architect.xml n k=0
    edit "$f" 's|proficiency="advanced"|proficiency="wizard"|'
    while read -r n; do
        expect "$f" "$n" "proficiency 'wizard' is not on the ladder's proficiency scale"
        k=$((k + 1))
    done < <(grep -n 'proficiency="wizard"' "$f" | cut -d: -f1)
    [ "$k" -ge 2 ] || fail "cloud-architect.xml has $k advanced skills; the case wants several"
}

break_id() { # trust-and-safety-analyst: nobody refers to it
    local f=$1/roles/trust-and-safety-analyst.xml n
    edit "$f" 's|<role id="trust-and-safety-analyst"|<role id="trust-and-safety-specialist"|'
    n=$(line_of "$f" '<role id="trust-and-safety-specialist"')
    expect "$f" "$n" "role id 'trust-and-safety-specialist' does not match the file name"
}

BREAKAGES=(dangling cycle duplicate same_level lower_level family level proficiency id)

# -------------------------------------------------------- shipped set

shipped() {
    RUN_CWD=$SRC run validate xml/
    assert_quiet_success "validate xml/"
    ok "validate xml/: exit 0, silent"
    RUN_CWD=$SRC run validate xml/roles
    assert_quiet_success "validate xml/roles"
    ok "validate xml/roles: exit 0, silent"
    run validate "$SRC/xml"
    assert_quiet_success "validate $SRC/xml"
    ok "validate with an absolute path: exit 0, silent"

    # The copies the cases break are valid before the break.
    new_set pristine
    run validate "$D"
    assert_quiet_success "validate of an untouched copy DIR/roles + DIR/ladders.xml"
    run validate "$D/roles"
    assert_quiet_success "validate of an untouched copy's DIR/roles"
    ok "an untouched copy of the set validates silently (DIR and DIR/roles)"
}
case_run shipped shipped

# ------------------------------------------------------ one at a time

one_breakage() { # NAME
    new_set "$1"
    "break_$1" "$D"
    run validate "$D"
    check_expected "validate DIR ($1)"
    ok "$1: exit 1, $(wc -l <"$EXP") diagnostic(s) at the expected FILE:LINE, nothing else"
}
for b in "${BREAKAGES[@]}"; do
    case_run "$b" one_breakage "$b"
done

# Given as DIR/roles, the ladder beside the roles' directory is used: an
# undefined family is reported the same way.
beside() {
    new_set beside
    break_family "$D"
    run validate "$D/roles"
    check_expected "validate DIR/roles (undefined family)"
    assert_stderr_contains "ladders.xml)" "the message naming the ladder"
    ok "validate DIR/roles uses DIR/ladders.xml: the undefined family is reported"
}
case_run ladder-beside-roles beside

# A duplicate id across two inputs (same file name, two directories).
duplicate_across() {
    new_set dup-across
    mkdir -p "$D/other"
    cp "$ROLES/iam-architect.xml" "$D/other/"
    local f=$D/other/iam-architect.xml n
    n=$(line_of "$f" '<role id="iam-architect"')
    expect "$f" "$n" "role id 'iam-architect' is already used by $(re_quote "$D/roles/iam-architect.xml")"
    run validate "$D/roles" "$D/other"
    check_expected "validate roles/ other/ (iam-architect in both)"
    ok "a duplicate id in a second input directory: one error at the second file"
}
case_run duplicate-across-inputs duplicate_across

# A member of the set that breaks the schema: it is reported, and it is
# still a member, so the roles that refer to it are not at fault (as in
# validate.sh's control, only the broken blueprint is named).
schema_member() {
    new_set schema-member
    local f=$D/roles/data-architect.xml n
    edit "$f" 's|<status>approved</status>|<status>bogus</status>|'
    n=$(line_of "$f" '<status>bogus</status>')
    run validate "$D"
    assert_rc 1 "validate DIR (data-architect.xml breaks the schema)"
    assert_stdout_empty
    assert_stderr_matches "^$(re_quote "$f"):$n:[1-9][0-9]*: error: ." "a diagnostic at data-architect.xml:$n"
    ok "a schema violation in a member: exit 1, reported at data-architect.xml:$n"
    if grep -q "refers to role 'data-architect', which is not in the set" "$RUN_ERR"; then
        fail "references to data-architect are reported as dangling although data-architect.xml is in the set (only its schema is broken): $(grep -c "refers to role 'data-architect'" "$RUN_ERR") spurious errors in $(grep "refers to role 'data-architect'" "$RUN_ERR" | cut -d: -f1 | sort -u | wc -l) other files"
    fi
    assert_stderr_lines_match "^$(re_quote "$f"):[0-9]+:[1-9][0-9]*: error: ." "diagnostics (only data-architect.xml is at fault)"
    ok "no cascade: the roles referring to the broken one are not named"
}
case_run schema-member schema_member

# ------------------------------------------------------- all at once

all_at_once() {
    new_set all
    local b
    for b in "${BREAKAGES[@]}"; do "break_$b" "$D"; done
    run validate "$D"
    check_expected "validate DIR (every breakage at once)"
    # Spread over several files, several lines in one of them: the order
    # check above means something.
    [ "$(cut -d: -f1 "$RUN_ERR" | sort -u | wc -l)" -ge 8 ] || fail "fewer files than expected"
    ok "every breakage at once: all $(wc -l <"$EXP") errors in one run, sorted by file then line"
}
case_run all-at-once all_at_once

# ------------------------------------- directory names with odd letters
# A set in a directory whose name has a space or a non-ASCII letter: the
# diagnostics name the files as given (not URI-escaped, "with%20space"),
# with their column, and DIR/roles finds the ladder beside it.

odd_path_names() { # DIRNAME
    new_set "$1"
    break_dangling "$D"
    break_family "$D"
    run validate "$D"
    check_expected "validate '$1'"
    ok "'$1': the diagnostics name the files as given, with line and column"
}

odd_path_ladder() { # DIRNAME
    new_set "$1"
    local f n
    grep -vF '<family id="security"' "$SRC/xml/ladders.xml" >"$D/ladders.xml"
    while IFS= read -r f; do
        n=$(line_of "$f" '<family>security</family>')
        expect "$f" "$n" "family 'security' is not defined in the ladder"
    done < <(grep -lF '<family>security</family>' "$D"/roles/*.xml)
    run validate "$D/roles"
    check_expected "validate '$1/roles' (its ladders.xml without 'security')"
    ok "'$1': validate DIR/roles uses the ladder beside it"
}
for name in "with space" "café"; do
    case_run "odd-path-names ($name)" odd_path_names "$name"
    case_run "odd-path-ladder ($name)" odd_path_ladder "$name"
done

# ------------------------------------------------------ broken ladder

broken_ladder() { # NAME SED-SCRIPT FIXED-STRING-ON-THE-BROKEN-LINE
    new_set "ladder-$1"
    local lf=$D/ladders.xml n
    edit "$lf" "$2"
    n=$(line_of "$lf" "$3")
    run validate "$D"
    assert_rc 1 "validate DIR with a broken ladders.xml ($1)"
    assert_stdout_empty
    assert_stderr_matches "^$(re_quote "$lf"):$n:[1-9][0-9]*: error: ." "a diagnostic at ladders.xml:$n"
    # Only the ladder is at fault: every diagnostic names it.
    assert_stderr_lines_match "^$(re_quote "$lf"):[0-9]+:[1-9][0-9]*: error: ." "diagnostics of the broken ladder"
    check_sorted "validate DIR (broken ladder)"
    ok "ladder $1: exit 1, reported at ladders.xml:$n, only the ladder named"

    # Given as DIR/roles: the same ladder (named as found, e.g. roles/../).
    run validate "$D/roles"
    assert_rc 1 "validate DIR/roles with a broken ladders.xml ($1)"
    assert_stderr_matches "^$(re_quote "$D")/(roles/\.\./)?ladders\.xml:$n:[1-9][0-9]*: error: ." \
        "a diagnostic at ladders.xml:$n"
    ok "ladder $1: validate DIR/roles reports it too"

    # --ladder picks another one: the shipped ladder, and all is well.
    run validate --ladder "$SRC/xml/ladders.xml" "$D"
    assert_quiet_success "validate --ladder xml/ladders.xml DIR (DIR/ladders.xml broken)"
    ok "ladder $1: --ladder with a good ladder overrides the broken DIR/ladders.xml"
}
case_run ladder-bad-rank broken_ladder bad-rank \
    's|<level id="senior" rank="3"|<level id="senior" rank="third"|' 'rank="third"'
case_run ladder-bad-attribute broken_ladder bad-attribute \
    's|<proficiencies>|<proficiencies colour="red">|' '<proficiencies colour="red">'
# the ladder's own checks: an id given twice, a rank shared
case_run ladder-family-twice broken_ladder family-twice \
    '/<family id="security"/a\    <family id="security" name="Twice">Again.</family>' 'name="Twice"'
case_run ladder-rank-twice broken_ladder rank-twice \
    's|<level id="senior" rank="3"|<level id="senior" rank="2"|' 'id="senior"'

# ------------------------------------------------------------ --ladder

other_ladder() {
    new_set no-security
    local lf=$D/no-security.xml f n k=0
    grep -vF '<family id="security"' "$SRC/xml/ladders.xml" >"$lf"
    ! cmp -s "$lf" "$SRC/xml/ladders.xml" || fail "the ladder has no 'security' family to drop"
    while IFS= read -r f; do
        n=$(line_of "$f" '<family>security</family>')
        expect "$f" "$n" "family 'security' is not defined in the ladder \\($(re_quote "$lf")\\)"
        k=$((k + 1))
    done < <(grep -lF '<family>security</family>' "$D"/roles/*.xml)
    [ "$k" -ge 2 ] || fail "only $k roles in the security family"
    run validate --ladder "$lf" "$D"
    check_expected "validate --ladder no-security.xml DIR"
    ok "--ladder without 'security': exactly the $k security roles fail, at their <family> line"

    # The same on the shipped roles, named as given (relative).
    : >"$EXP"
    while IFS= read -r f; do
        n=$(line_of "$SRC/$f" '<family>security</family>')
        expect "$f" "$n" "family 'security' is not defined"
    done < <(cd "$SRC" && grep -lF '<family>security</family>' xml/roles/*.xml)
    RUN_CWD=$SRC run validate --ladder "$lf" xml/roles
    check_expected "validate --ladder no-security.xml xml/roles"
    ok "--ladder applies to the shipped roles as well"
}
case_run other-ladder other_ladder

# A job description and a career guide print the family names of the
# ladder a set would use: the one beside the roles' directory, or the one
# --ladder names (which may be anywhere); a broken one is an error, no PDF.
documents_ladder() {
    new_set renamed
    local role=$D/roles/cloud-architect.xml other=$T/elsewhere/ladder.xml
    edit "$D/ladders.xml" 's|name="Infrastructure and Platform"|name="Foundations Renamed"|'
    run jd "$role" -o "$T/beside.pdf"
    assert_quiet_success "jd DIR/roles/X.xml with DIR/ladders.xml"
    [[ $(pdftotext -enc UTF-8 "$T/beside.pdf" -) == *"Foundations Renamed"* ]] ||
        fail "jd does not print the family name of DIR/ladders.xml"
    mkdir -p "$T/elsewhere"
    sed 's|name="Infrastructure and Platform"|name="Named Elsewhere"|' "$SRC/xml/ladders.xml" >"$other"
    run guide "$ROLES/cloud-architect.xml" --ladder "$other" -o "$T/other.pdf" --depfile "$T/other.d"
    assert_quiet_success "guide --ladder FILE"
    [[ $(pdftotext -enc UTF-8 "$T/other.pdf" -) == *"Named Elsewhere"* ]] ||
        fail "guide --ladder does not print the family name of the ladder given"
    grep -qF "$other" "$T/other.d" || fail "the depfile does not name the ladder given"
    sed -i 's|<levels>|<levels colour="red">|' "$other"
    run jd "$ROLES/cloud-architect.xml" --ladder "$other" -o "$T/broken.pdf"
    assert_rc 1 "jd --ladder BROKEN"
    assert_stderr_contains "$other:" "the diagnostic naming the broken ladder"
    assert_no_file "$T/broken.pdf" "jd --ladder BROKEN"
    ok "jd and guide read the ladder beside the roles or given by --ladder, in their text and depfile; a broken one is an error"
}
case_run documents-ladder documents_ladder

# The ladder beside the roles is found whatever the path: through a
# directory whose name has a space and a letter beyond ASCII, and through
# a link to the roles' directory (the ladder beside its target).  A
# ladder with an error fails a batch's documents with one error, said
# once, and a note for each document; no PDF.  --param ladder= overrides
# it (and it is not checked then).
documents_ladder_found() {
    local D="$T/my rôles" real n out
    mkdir -p "$D/roles" "$T/linked"
    cp "$ROLES/cloud-architect.xml" "$ROLES/data-architect.xml" "$D/roles/"
    sed 's|name="Infrastructure and Platform"|name="Spaced Ladder"|' "$SRC/xml/ladders.xml" >"$D/ladders.xml"
    run jd "$D/roles/cloud-architect.xml" -o "$T/spaced.pdf"
    assert_quiet_success "jd 'my rôles/roles/X.xml'"
    [[ $(pdftotext -enc UTF-8 "$T/spaced.pdf" -) == *"Spaced Ladder"* ]] ||
        fail "jd does not print the family name of 'my rôles/ladders.xml'"
    ln -s "$D/roles" "$T/linked/roles"
    run guide "$T/linked/roles/cloud-architect.xml" -o "$T/linked.pdf"
    assert_quiet_success "guide LINK/roles/X.xml"
    [[ $(pdftotext -enc UTF-8 "$T/linked.pdf" -) == *"Spaced Ladder"* ]] ||
        fail "guide through a link does not print the family name of the ladder beside its target"
    # checked once a batch, yet a dependency of each document
    run jd "$D/roles" -o "$T/spaced" -j 1 --depfile "$T/spaced.d"
    assert_quiet_success "jd -j 1 'my rôles/roles' --depfile"
    assert_eq "$(grep -c 'rôles/ladders\.xml' "$T/spaced.d")" 2 "depfile rules naming the ladder"
    assert_eq "$(grep -c '/schema/ladders\.rng' "$T/spaced.d")" 2 "depfile rules naming the ladder's schema"

    sed -i '/<family id="security"/a\    <family id="security" name="Twice">Again.</family>' "$D/ladders.xml"
    n=$(line_of "$D/ladders.xml" 'name="Twice"')
    real=$(realpath "$D")
    for j in 1 2; do
        run jd "$D/roles" -o "$T/broken-$j" -j "$j"
        assert_rc 1 "jd -j $j of two roles beside a ladder with an error"
        assert_stdout_empty
        assert_eq "$(cat "$RUN_ERR")" "$real/ladders.xml:$n:13: error: family 'security' is defined twice
$D/roles/cloud-architect.xml: note: the error above came from exporting this file
$D/roles/data-architect.xml: note: exporting this file failed on the same error as exporting $D/roles/cloud-architect.xml" \
            "the diagnostics of jd -j $j"
        out=$(find "$T/broken-$j" -type f)
        [ -z "$out" ] || fail "jd -j $j with a broken ladder wrote $out"
    done
    # --param ladder=URI hands the stylesheet another ladder: the one
    # beside the roles is then neither read nor checked
    sed 's|name="Infrastructure and Platform"|name="Param Ladder"|' "$SRC/xml/ladders.xml" >"$D/roles/param-ladder.xml"
    run jd "$D/roles/cloud-architect.xml" -o "$T/param.pdf" \
        --param "ladder=$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$D/roles/param-ladder.xml")"
    assert_quiet_success "jd --param ladder=FILE beside a broken ladders.xml"
    [[ $(pdftotext -enc UTF-8 "$T/param.pdf" -) == *"Param Ladder"* ]] ||
        fail "jd --param ladder=FILE does not print that ladder's family name"
    ok "the ladder beside the roles found through 'my rôles' and a link; a broken one said once for a batch, no PDF"
}
case_run documents-ladder-found documents_ladder_found

# ------------------------------------------------------ misspellings

# A reference, family, level or proficiency one or two letters off names
# the one it should be; one far from any names none.
misspellings() {
    new_set misspelt
    local f=$D/roles/ai-architect.xml n
    edit "$f" 's|<reports-to role="lead-ai-architect">|<reports-to role="lead-ai-archtect">|'
    edit "$f" 's|<family>data-ai</family>|<family>data-a1</family>|'
    edit "$f" 's|<level>staff</level>|<level>staf</level>|'
    edit "$f" '0,/proficiency="advanced"/s/proficiency="advanced"/proficiency="advancd"/'
    edit "$f" 's|<collaborator role="data-architect">|<collaborator role="quantum-chef">|'
    expect "$f" "$(line_of "$f" 'role="lead-ai-archtect"')" "reports-to refers to role 'lead-ai-archtect', which is not in the set; did you mean 'lead-ai-architect'\\?$"
    expect "$f" "$(line_of "$f" '<family>data-a1')" "family 'data-a1' is not defined in the ladder \\(.*\\); did you mean 'data-ai'\\?$"
    expect "$f" "$(line_of "$f" '<level>staf<')" "level 'staf' is not defined in the ladder \\(.*\\); did you mean 'staff'\\?$"
    expect "$f" "$(line_of "$f" 'proficiency="advancd"')" "proficiency 'advancd' is not on the ladder's proficiency scale \\(.*\\); did you mean 'advanced'\\?$"
    expect "$f" "$(line_of "$f" 'role="quantum-chef"')" "collaborator refers to role 'quantum-chef', which is not in the set$"
    run validate "$D/roles"
    check_expected "validate with misspelt references"
    ok "misspelt references, family, level and proficiency: the nearest name suggested"
}
case_run misspellings misspellings
