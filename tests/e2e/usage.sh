#!/usr/bin/env bash
# usage.sh - wrong usage exits 2, with a message and without output.
#
# Unknown command, unknown option, jd without -o, --paper a3, --param
# without '=' (and a few more: no command, no input, --param =x, --emit
# something-else, -o without a value, two inputs or --depfile with -o -,
# standard output): exit 2, nothing on stdout, a message on stderr, no
# file written.  --help and --version exit 0.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

ROLE="$ROLES/cloud-architect.xml"
W="$T/work"
mkdir -p "$W"

# usage_error WHAT ARGS...: rolepress ARGS (run in the empty $W) is a
# usage error.
usage_error() {
    local what=$1
    shift
    RUN_CWD=$W run "$@"
    assert_rc 2 "$what"
    assert_stdout_empty "$what"
    [ -s "$RUN_ERR" ] || fail "$what: exit 2 without a message on standard error"
    [ -z "$(ls -A "$W")" ] || fail "$what: files were written: $(ls -A "$W")"
    ok "$what: exit 2, message, nothing written"
}

usage_error "unknown command"          frobnicate "$ROLE" -o out.pdf
usage_error "unknown option"           jd --frobnicate "$ROLE" -o out.pdf
usage_error "unknown short option"     jd -z "$ROLE" -o out.pdf
usage_error "jd without -o"            jd "$ROLE"
usage_error "--paper a3"               jd --paper a3 "$ROLE" -o out.pdf
usage_error "--param without '='"      jd --param paper "$ROLE" -o out.pdf
usage_error "--param with an empty name" jd --param =Letter "$ROLE" -o out.pdf
usage_error "--emit pdf"               jd --emit pdf "$ROLE" -o out.pdf
usage_error "-o without a value"       jd "$ROLE" -o
usage_error "no command"
usage_error "jd without inputs"        jd -o out.pdf
usage_error "validate without inputs"  validate
usage_error "two inputs to stdout"     jd "$ROLE" "$ROLES/chief-architect.xml" -o -
usage_error "--depfile with -o -"      jd "$ROLE" -o - --depfile out.d

# The messages say what is wrong.
RUN_CWD=$W run frobnicate "$ROLE"
assert_stderr_contains frobnicate "the unknown-command message"
RUN_CWD=$W run jd --paper a3 "$ROLE" -o out.pdf
assert_stderr_contains a3 "the --paper message"
ok "usage messages name the offending word"

RUN_CWD=$W run --help
assert_rc 0 "--help"
assert_stdout_contains "usage: rolepress" "--help output"
assert_stderr_empty "--help"
ok "--help: exit 0, usage on stdout"

RUN_CWD=$W run --version
assert_rc 0 "--version"
grep -Eq '^rolepress [0-9]+\.[0-9]+\.[0-9]+' "$RUN_OUT" || fail "--version prints '$(cat "$RUN_OUT")'"
ok "--version: exit 0, 'rolepress X.Y.Z'"
