#!/usr/bin/env bash
# examples.sh - the build examples work as examples/README.md says, on a
# set of three generated roles (tests/bench/gen_roles.py), given to them
# as a user's roles would be:
#   makefile/  make exports a job description per blueprint and the
#              handbook, and make -q then finds nothing to do; run again,
#              it writes none; after one blueprint is edited it makes
#              that role's job description and the handbook again,
#              nothing else;
#   minimal/, custom-stylesheet/: the commands examples/README.md gives
#              export quietly (and the minimal blueprint validates);
#   cmake/     the same with rolepress_export(), from rolepress installed
#              into a temporary prefix (cmake --install of the build tree):
#              the PDFs built, a second build touches none, an edited
#              blueprint remakes its job description and the handbook;
#              outputs named relative to a subdirectory are made in its
#              binary directory, and made again after an edit only.
# SOURCE_DATE_EPOCH is set, as a build that wants reproducible output
# sets it: without it each PDF records when it was made, so a document
# made again (the depfile of a job description names the blueprints of
# the roles it mentions) gets new bytes even when nothing it shows changed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"
export SOURCE_DATE_EPOCH=1700000000
for tool in make cmake; do
    command -v "$tool" >/dev/null || { echo "$E2E_NAME: $tool is not installed" >&2; exit 2; }
done

SET="$T/set"
python3 "$SRC/tests/bench/gen_roles.py" 3 "$SET" >/dev/null
ROLE_IDS=$(cd "$SET/roles" && ls | sed 's/\.xml$//' | sort)
EDITED=$(printf '%s\n' "$ROLE_IDS" | head -n 1)

# edit_role: one blueprint changes (its summary), after everything built.
edit_role() {
    sed -i 's|<summary>|<summary>Edited. |' "$SET/roles/$EDITED.xml"
}

# built_since MARKER DIR: the PDFs under DIR newer than MARKER, by name.
built_since() {
    find "$2" -name '*.pdf' -newer "$1" -printf '%f\n' | sort | tr '\n' ' '
}

# rebuilds WHAT DIR UP_TO_DATE CMD...: CMD makes every document into DIR
# (jd/<id>.pdf, handbook.pdf), after which the command UP_TO_DATE (a
# word, "true" for none) finds nothing to do; run again, CMD writes none;
# after a blueprint is edited, that role's job description and the
# handbook.  (Not nothing to do after that: make runs the rule of a job
# description that mentions the edited role again each time, since its
# output, the same bytes, keeps its old time stamp.)
rebuilds() {
    local what=$1 dir=$2 up_to_date=$3
    shift 3
    "$@" >"$T/$what.out" 2>&1 || fail "$what: $(tail -n 5 "$T/$what.out")"
    assert_eq "$(cd "$dir/jd" && ls *.pdf | sed 's/\.pdf$//' | sort)" "$ROLE_IDS" "$what: job descriptions made"
    assert_pdf "$dir/handbook.pdf"
    if [ "$up_to_date" != true ]; then
        "$@" "$up_to_date" || fail "$what $up_to_date: not up to date right after a build"
    fi
    touch "$T/$what.marker"
    "$@" >"$T/$what.out" 2>&1 || fail "$what, again: $(tail -n 5 "$T/$what.out")"
    assert_eq "$(built_since "$T/$what.marker" "$dir")" "" "$what: the PDFs a second run wrote"
    edit_role
    "$@" >"$T/$what.out" 2>&1 || fail "$what after an edit: $(tail -n 5 "$T/$what.out")"
    assert_eq "$(built_since "$T/$what.marker" "$dir")" "handbook.pdf $EDITED.pdf " \
        "$what: the PDFs made after $EDITED.xml was edited"
}

makefile() {
    local mk=(make -s -C "$SRC/examples/makefile" "ROLEPRESS=$ROLEPRESS" "ROLES_DIR=$SET/roles"
              "OUT=$T/mk")
    rebuilds make "$T/mk" -q "${mk[@]}"
    ok "examples/makefile: every document made, nothing left to do (make -q), then none made, an edited blueprint remakes its job description and the handbook only"
}
case_run makefile makefile

readme_commands() {
    run validate "$SRC/examples/minimal"
    assert_quiet_success "validate examples/minimal"
    run jd "$SRC/examples/minimal/minimal-role.xml" -o "$T/minimal.pdf"
    assert_quiet_success "jd examples/minimal/minimal-role.xml"
    assert_pdf "$T/minimal.pdf"
    run guide "$SRC/examples/minimal/minimal-role.xml" -o "$T/minimal-guide.pdf"
    assert_quiet_success "guide examples/minimal/minimal-role.xml"
    run jd "$ROLES/cloud-architect.xml" -o "$T/card.pdf" \
        --stylesheet "$SRC/examples/custom-stylesheet/role-card.xsl" --param accent=#8a1538
    assert_quiet_success "the role card of examples/custom-stylesheet"
    assert_page_size "$T/card.pdf" 419.5 595.3 "the role card (A5)"
    ok "examples/minimal and examples/custom-stylesheet: their commands export quietly"
}
case_run readme-commands readme_commands

cmake_project() {
    [ -n "${RP_BUILD_DIR:-}" ] || { ok "(no build tree to install from: skipped)"; return; }
    cmake --install "$RP_BUILD_DIR" --prefix "$T/prefix" >/dev/null
    cmake -S "$SRC/examples/cmake" -B "$T/docs" -DCMAKE_PREFIX_PATH="$T/prefix" \
        -DROLES_DIR="$SET/roles" >"$T/cmake.out" 2>&1 || fail "configuring: $(tail -n 5 "$T/cmake.out")"
    rebuilds cmake "$T/docs" true cmake --build "$T/docs"
    ok "examples/cmake: rolepress_export() builds every document, then none, an edited blueprint its job description and the handbook"
}
case_run cmake cmake_project

# rolepress_export() in a subdirectory, with outputs named relative to it
# (as add_custom_command's are: in its binary directory): built there,
# and made again when the blueprint changes, not before.
cmake_relative() {
    [ -n "${RP_BUILD_DIR:-}" ] || { ok "(no build tree to install from: skipped)"; return; }
    [ -d "$T/prefix" ] || cmake --install "$RP_BUILD_DIR" --prefix "$T/prefix" >/dev/null
    local p=$T/rel-project role=$SET/roles/$EDITED.xml out=$T/rel/sub/pdf/one.pdf
    mkdir -p "$p/sub"
    cat >"$p/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(relative NONE)
find_path(ROLEPRESS_CMAKE_DIR RolepressFunctions.cmake PATH_SUFFIXES lib/cmake/rolepress REQUIRED)
list(APPEND CMAKE_MODULE_PATH ${ROLEPRESS_CMAKE_DIR})
include(RolepressFunctions)
add_subdirectory(sub)
CMAKE
    cat >"$p/sub/CMakeLists.txt" <<'CMAKE'
rolepress_export(KIND jd INPUTS ${ROLE} OUTPUT pdf/one.pdf TARGET one)
rolepress_export(KIND guide INPUTS ${ROLE} OUTPUT guides OUTPUTS guides/${ROLE_ID}.pdf TARGET guides)
CMAKE
    cmake -S "$p" -B "$T/rel" -DCMAKE_PREFIX_PATH="$T/prefix" -DROLE="$role" -DROLE_ID="$EDITED" \
        >"$T/rel.out" 2>&1 || fail "configuring: $(tail -n 5 "$T/rel.out")"
    cmake --build "$T/rel" >"$T/rel.out" 2>&1 || fail "building: $(tail -n 5 "$T/rel.out")"
    assert_pdf "$out"
    assert_pdf "$T/rel/sub/guides/$EDITED.pdf"
    touch "$T/rel.marker"
    cmake --build "$T/rel" >"$T/rel.out" 2>&1 || fail "building again: $(tail -n 5 "$T/rel.out")"
    assert_eq "$(built_since "$T/rel.marker" "$T/rel")" "" "the PDFs a second build wrote"
    sed -i 's|<summary>|<summary>Relative. |' "$role"
    cmake --build "$T/rel" >"$T/rel.out" 2>&1 || fail "building after an edit: $(tail -n 5 "$T/rel.out")"
    assert_eq "$(built_since "$T/rel.marker" "$T/rel")" "$EDITED.pdf one.pdf " "the PDFs made after an edit"
    ok "rolepress_export() with outputs relative to a subdirectory: made there, again after an edit only"
}
case_run cmake-relative cmake_relative
