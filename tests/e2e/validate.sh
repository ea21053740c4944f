#!/usr/bin/env bash
# validate.sh - `rolepress validate`.
#
# `rolepress validate xml/roles` exits 0 and prints nothing (the shipped
# set is valid, references and ladder entries included); so does a single
# self-contained blueprint.  As a control, a
# directory holding one broken blueprint among good ones exits 1 and names
# only the broken one, so the silence above means "checked", not "skipped".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

run validate "$ROLES"
assert_quiet_success "validate xml/roles"
ok "validate xml/roles: exit 0, silent"

RUN_CWD=$SRC run validate xml/roles/
assert_quiet_success "validate xml/roles/ (relative, trailing slash)"
ok "validate xml/roles/ from the source tree: exit 0, silent"

run validate "$FIX/valid-role.xml"
assert_quiet_success "validate fixtures/valid-role.xml"
ok "validate of the fixtures' valid blueprint: exit 0, silent"

# Validation writes nothing.
[ -z "$(find "$T" -mindepth 1 -not -name '.*')" ] || fail "validate wrote files"

# Control: the same set plus one broken blueprint.
mkdir -p "$T/set"
cp "$ROLES"/*.xml "$T/set/"
cp "$FIX/schema-two-problems.xml" "$T/set/zz-broken.xml"
run validate "$T/set"
assert_rc 1 "validate of the set plus a broken blueprint"
assert_stdout_empty "validate"
assert_stderr_matches "^$(re_quote "$T/set/zz-broken.xml"):[0-9]+(:[0-9]+)?: error: ." "diagnostics for zz-broken.xml"
others=$(grep -v "^$(re_quote "$T/set/zz-broken.xml"):" "$RUN_ERR" || true)
[ -z "$others" ] || fail "validate reports problems in the good blueprints: $(printf '%s' "$others" | head -n 3)"
ok "control: a broken blueprint in the set gives exit 1 and only its diagnostics"

# A directory without blueprints is an error, not a silent success.
mkdir -p "$T/empty"
run validate "$T/empty"
assert_rc 1 "validate of an empty directory"
assert_stderr_contains "$T/empty"
ok "validate of a directory without blueprints: exit 1, named"
