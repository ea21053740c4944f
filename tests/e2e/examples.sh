#!/usr/bin/env bash
# examples.sh - the build examples work as examples/README.md says, on a
# set of three generated roles (tests/bench/gen_roles.py), given to them
# as a user's roles would be:
#   makefile/  make exports a job description per blueprint and the
#              handbook; run again, it has nothing to do; after one
#              blueprint is edited it makes that role's job description
#              and the handbook again, nothing else;
#   cmake/     the same with rolepress_export(), from rolepress installed
#              into a temporary prefix (cmake --install of the build tree):
#              the PDFs built, a second build touches none, an edited
#              blueprint remakes its job description and the handbook.
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

makefile() {
    local mk=(make -s -C "$SRC/examples/makefile" "ROLEPRESS=$ROLEPRESS" "ROLES_DIR=$SET/roles"
              "OUT=$T/mk")
    "${mk[@]}" >"$T/make.out" 2>&1 || fail "make: $(tail -n 5 "$T/make.out")"
    assert_eq "$(cd "$T/mk/jd" && ls *.pdf | sed 's/\.pdf$//' | sort)" "$ROLE_IDS" "job descriptions made"
    assert_pdf "$T/mk/handbook.pdf"
    "${mk[@]}" -q || fail "make -q: not up to date right after make"
    touch "$T/mk.marker"
    edit_role
    "${mk[@]}" >"$T/make2.out" 2>&1 || fail "make after an edit: $(tail -n 5 "$T/make2.out")"
    assert_eq "$(built_since "$T/mk.marker" "$T/mk")" "handbook.pdf $EDITED.pdf " \
        "the PDFs make wrote after $EDITED.xml was edited"
    ok "examples/makefile: every document made, nothing left to do, an edited blueprint remakes its job description and the handbook only"
}
case_run makefile makefile

cmake_project() {
    [ -n "${RP_BUILD_DIR:-}" ] || { ok "(no build tree to install from: skipped)"; return; }
    [ -d "$T/prefix" ] || cmake --install "$RP_BUILD_DIR" --prefix "$T/prefix" >/dev/null
    local build=(cmake --build "$T/docs")
    cmake -S "$SRC/examples/cmake" -B "$T/docs" -DCMAKE_PREFIX_PATH="$T/prefix" \
        -DROLES_DIR="$SET/roles" >"$T/cmake.out" 2>&1 || fail "configuring: $(tail -n 5 "$T/cmake.out")"
    "${build[@]}" >"$T/build.out" 2>&1 || fail "building: $(tail -n 5 "$T/build.out")"
    assert_eq "$(cd "$T/docs/jd" && ls *.pdf | sed 's/\.pdf$//' | sort)" "$ROLE_IDS" "job descriptions built"
    assert_pdf "$T/docs/handbook.pdf"
    touch "$T/cmake.marker"
    "${build[@]}" >"$T/build2.out" 2>&1 || fail "building again: $(tail -n 5 "$T/build2.out")"
    assert_eq "$(built_since "$T/cmake.marker" "$T/docs")" "" "the PDFs a second build wrote"
    edit_role
    "${build[@]}" >"$T/build3.out" 2>&1 || fail "building after an edit: $(tail -n 5 "$T/build3.out")"
    assert_eq "$(built_since "$T/cmake.marker" "$T/docs")" "handbook.pdf $EDITED.pdf " \
        "the PDFs built after $EDITED.xml was edited"
    ok "examples/cmake: rolepress_export() builds every document, a second build none, an edited blueprint its job description and the handbook"
}
case_run cmake cmake_project
