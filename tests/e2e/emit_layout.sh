#!/usr/bin/env bash
# emit_layout.sh - --emit layout writes the layout XML.
#
# `rolepress jd --emit layout ROLE.xml -o X.xml` exits 0 quietly and writes
# XML that validates against xml/schema/layout.rng (xmllint --relaxng),
# whose meta/title is "<role title> — Job description" and whose page
# template follows --paper; in directory mode every role gives DIR/<id>.xml,
# all valid; with a user stylesheet the file is that stylesheet's output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

RNG="$SRC/xml/schema/layout.rng"

for id in cloud-architect lead-cloud-architect chief-architect; do
    xml="$ROLES/$id.xml"
    out="$T/$id.layout.xml"
    run jd --emit layout "$xml" -o "$out"
    assert_quiet_success "jd --emit layout $id.xml"
    assert_file "$out" "layout XML"
    xmllint --noout --relaxng "$RNG" "$out" >"$T/xmllint.log" 2>&1 ||
        fail "$id: the emitted layout does not validate against layout.rng: $(head -n 5 "$T/xmllint.log")"
    title=$(xml_str "$xml" 'normalize-space(/role/title)')
    assert_eq "$(xml_str "$out" '/document/meta/title')" "$title — Job description" "$id: layout meta/title"
    assert_eq "$(xml_str "$out" '/document/page-template[1]/@size')" A4 "$id: default page-template size"
    [ -z "$(find "$T" -maxdepth 1 -name '*.pdf')" ] || fail "--emit layout wrote a PDF"
    ok "$id: --emit layout writes valid layout XML"
done

run jd --emit layout --paper letter "$ROLES/cloud-architect.xml" -o "$T/letter.xml"
assert_quiet_success "jd --emit layout --paper letter"
assert_eq "$(xml_str "$T/letter.xml" '/document/page-template[1]/@size')" Letter "page-template size with --paper letter"
xmllint --noout --relaxng "$RNG" "$T/letter.xml" 2>/dev/null || fail "the Letter layout does not validate"
ok "--emit layout --paper letter: Letter page template, valid"

# Directory mode: one <id>.xml per role, all valid.
run jd --emit layout "$ROLES" -o "$T/all"
assert_quiet_success "jd --emit layout xml/roles -o DIR"
n=$(find "$T/all" -maxdepth 1 -name '*.xml' | wc -l)
[ "$n" -eq 30 ] || fail "--emit layout into a directory wrote $n XML files, expected 30"
[ -z "$(find "$T/all" -name '*.pdf')" ] || fail "--emit layout into a directory wrote PDFs"
for xml in "$ROLES"/*.xml; do
    assert_file "$T/all/$(xml_str "$xml" '/role/@id').xml" "layout of $(basename "$xml")"
done
xmllint --noout --relaxng "$RNG" "$T"/all/*.xml >"$T/xmllint.log" 2>&1 ||
    fail "some emitted layouts do not validate: $(grep -v validates "$T/xmllint.log" | head -n 5)"
ok "--emit layout xml/roles -o DIR: 30 valid <id>.xml files"

# rolepress no longer validates the shipped stylesheets' output on every
# export (only a user's stylesheet's): this is where it is validated, for
# every document kind on the shipped set.
run guide --emit layout "$ROLES" -o "$T/guides"
assert_quiet_success "guide --emit layout xml/roles -o DIR"
run handbook --emit layout "$SRC/xml" -o "$T/handbook.xml"
assert_quiet_success "handbook --emit layout xml"
xmllint --noout --relaxng "$RNG" "$T"/guides/*.xml "$T/handbook.xml" >"$T/xmllint.log" 2>&1 ||
    fail "shipped guide or handbook layouts do not validate: $(grep -v validates "$T/xmllint.log" | head -n 5)"
[ "$(find "$T/guides" -name '*.xml' | wc -l)" -eq 30 ] || fail "guide --emit layout did not write 30 layouts"
ok "the shipped stylesheets' layouts of every guide and the handbook validate"

# A user stylesheet's layout, as it produced it.
run jd --emit layout --stylesheet "$FIX/custom-a5.xsl" "$ROLES/cloud-architect.xml" -o "$T/custom.xml"
assert_quiet_success "jd --emit layout --stylesheet custom-a5.xsl"
xmllint --noout --relaxng "$RNG" "$T/custom.xml" 2>/dev/null || fail "custom-a5.xsl's layout does not validate"
assert_eq "$(xml_str "$T/custom.xml" '/document/page-template[1]/@size')" A5 "custom layout page size"
assert_eq "$(xml_str "$T/custom.xml" 'normalize-space(/document/para[1])')" \
    "$(xml_str "$ROLES/cloud-architect.xml" 'normalize-space(/role/title)')" "custom layout paragraph"
ok "--emit layout with a user stylesheet writes its layout"

# An invalid stylesheet output is not written as layout either.
run jd --emit layout --stylesheet "$FIX/not-layout-attribute.xsl" "$ROLES/cloud-architect.xml" -o "$T/bad.xml"
assert_rc 1 "jd --emit layout --stylesheet not-layout-attribute.xsl"
assert_no_file "$T/bad.xml" "layout XML that is not valid"
assert_no_tmp_files "$T"
ok "--emit layout of an invalid layout: exit 1, nothing written"

# Shape styles: the shipped stylesheets' rating marks are one attribute
# each (style="mark-..."), defined once as shape-styles; a mark with a
# style and overrides of its own is drawn exactly as one that spells its
# properties out; a style that is not defined is an error, at once.
n_marks=$(xml_num "$T/handbook.xml" 'count(//shape)')
[ "$n_marks" -gt 100 ] || fail "the handbook layout has only $n_marks shapes"
assert_eq "$(xml_num "$T/handbook.xml" 'count(//shape[not(@style)][not(@kind = "bar")])')" 0 \
    "handbook rating marks without a style"
assert_eq "$(xml_num "$T/handbook.xml" 'count(//shape[@style][@kind or @size or @filled or @color])')" 0 \
    "handbook shapes that repeat their style's properties"
assert_eq "$(xml_num "$T/handbook.xml" 'count(/document/shape-style)')" 9 "shape-styles in the handbook layout"
ok "the shipped marks are shape-style references ($n_marks in the handbook)"

shape_doc() { # FILE SHAPES...
    local f=$1
    shift
    {
        printf '<?xml version="1.0" encoding="UTF-8"?>\n<document xml:lang="en"><meta><title>marks</title></meta>\n'
        printf '<page-template name="p" size="A5"/>\n'
        printf '<shape-style name="dot" kind="circle" size="7pt" filled="no" color="#1f3a5f"/>\n'
        printf '<shape-style name="bar" kind="bar" size="3pt" width="20mm" color="#8f9daf"/>\n'
        printf '<para>Marks: %s end.</para>\n</document>\n' "$*"
    } >"$f"
}
shape_doc "$T/marks-styled.xml" '<shape style="dot"/> <shape style="dot" filled="yes"/> <shape style="dot" color="#a9b4c2" size="5pt"/> <shape style="bar"/>'
shape_doc "$T/marks-plain.xml" '<shape kind="circle" size="7pt" filled="no" color="#1f3a5f"/> <shape kind="circle" size="7pt" filled="yes" color="#1f3a5f"/> <shape kind="circle" size="5pt" filled="no" color="#a9b4c2"/> <shape kind="bar" size="3pt" width="20mm" color="#8f9daf"/>'
for v in styled plain; do
    xmllint --noout --relaxng "$RNG" "$T/marks-$v.xml" 2>/dev/null || fail "marks-$v.xml does not validate"
    run_env SOURCE_DATE_EPOCH=1700000000 -- typeset "$T/marks-$v.xml" -o "$T/marks-$v.pdf"
    assert_quiet_success "typeset marks-$v.xml"
done
cmp -s "$T/marks-styled.pdf" "$T/marks-plain.pdf" ||
    fail "shapes with a shape-style (and overrides) are not drawn as the same shapes spelt out"
ok "a shape-style and a shape's own properties draw the same marks"

shape_doc "$T/marks-undefined.xml" '<shape style="dot"/> <shape style="no-such-mark"/>'
run typeset "$T/marks-undefined.xml" -o "$T/marks-undefined.pdf"
assert_rc 1 "typeset a shape with an undefined shape-style"
assert_stderr_matches "^$(re_quote "$T/marks-undefined.xml"):6: error: shape-style 'no-such-mark' is used but not defined" \
    "undefined shape-style named, at its line"
assert_no_file "$T/marks-undefined.pdf" "a PDF with an undefined shape-style"
assert_no_tmp_files "$T"
ok "an undefined shape-style: exit 1, named, nothing written"

# So is a text style that is not defined, at the line that names it.
shape_doc "$T/style-undefined.xml" '<span style="no-such-style">x</span>'
run typeset "$T/style-undefined.xml" -o "$T/style-undefined.pdf"
assert_rc 1 "typeset a span with an undefined style"
assert_stderr_matches "^$(re_quote "$T/style-undefined.xml"):6: error: style 'no-such-style' is used but not defined" \
    "undefined style named, at its line"
assert_no_file "$T/style-undefined.pdf" "a PDF with an undefined style"
ok "an undefined style: exit 1, named at its line, nothing written"

# Two definitions of one name: which one is meant cannot be known.
shape_doc "$T/marks-twice.xml" '<shape style="dot"/>'
sed -i 's|<shape-style name="bar"|<shape-style name="dot" kind="square"/>\n&|' "$T/marks-twice.xml"
run typeset "$T/marks-twice.xml" -o "$T/marks-twice.pdf"
assert_rc 1 "typeset a layout defining a shape-style twice"
assert_stderr_matches "error: shape-style 'dot' is defined twice" "the twice-defined shape-style named"
assert_no_file "$T/marks-twice.pdf" "a PDF with a shape-style defined twice"
ok "a shape-style defined twice: exit 1, named, nothing written"

# Other references a layout makes by name, each an error at the line of
# the element that makes it: a section's page template, a diagram node's
# tier or lane, an edge's node.
cat >"$T/refs.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document xml:lang="en"><meta><title>references</title></meta>
<page-template name="p" size="A5"/>
<section template="no-such-template">
<diagram>
<tier id="t"/><lane id="l"/>
<node id="a" tier="t" lane="l">A</node>
<node id="b" tier="t" lane="no-such-lane">B</node>
<edge from="a" to="no-such-node"/>
</diagram>
</section>
</document>
XML
xmllint --noout --relaxng "$RNG" "$T/refs.xml" 2>/dev/null || fail "refs.xml does not validate"
run typeset "$T/refs.xml" -o "$T/refs.pdf"
assert_rc 1 "typeset a layout with undefined references"
f=$(re_quote "$T/refs.xml")
assert_stderr_matches "^$f:4: error: section uses page template 'no-such-template', which is not defined" \
    "undefined page template at its line"
assert_stderr_matches "^$f:8: error: diagram node on undefined lane 'no-such-lane'" "undefined lane at its line"
assert_stderr_matches "^$f:9: error: diagram edge to undefined node 'no-such-node'" "undefined node at its line"
assert_no_file "$T/refs.pdf" "a PDF with undefined references"
ok "undefined page template, lane and node: each at its line, nothing written"

# A name one or two letters off a defined one gets that one suggested.
cat >"$T/near.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<document xml:lang="en"><meta><title>references</title></meta>
<page-template name="plain" size="A5"/>
<section template="plian">
<diagram>
<tier id="tier-one"/><lane id="lane-one"/>
<node id="alpha" tier="tier-one" lane="lane-one">A</node>
<node id="beta" tier="tier-onw" lane="lane-one">B</node>
<node id="gamma" tier="tier-one" lane="lane-one">C</node>
<edge from="alpha" to="gamma"/><edge from="alpha" to="gamm"/>
</diagram>
</section>
</document>
XML
shape_doc "$T/near-styles.xml" '<shape style="dott"/> <span style="strong">x</span>'
sed -i 's|<page-template name="p" size="A5"/>|&\n<style name="strung" font-weight="bold"/>|' "$T/near-styles.xml"
run typeset "$T/near.xml" -o "$T/near.pdf"
assert_rc 1 "typeset a layout with misspelt references"
f=$(re_quote "$T/near.xml")
assert_stderr_matches "^$f:4: error: section uses page template 'plian', which is not defined; did you mean 'plain'\\?$" "a misspelt page template"
assert_stderr_matches "^$f:8: error: diagram node on undefined tier 'tier-onw'; did you mean 'tier-one'\\?$" "a misspelt tier"
assert_stderr_matches "^$f:10: error: diagram edge to undefined node 'gamm'; did you mean 'gamma'\\?$" "a misspelt node"
run typeset "$T/near-styles.xml" -o "$T/near-styles.pdf"
assert_rc 1 "typeset a layout with misspelt styles"
f=$(re_quote "$T/near-styles.xml")
assert_stderr_matches "^$f:[0-9]+: error: shape-style 'dott' is used but not defined; did you mean 'dot'\\?$" "a misspelt shape-style"
assert_stderr_matches "^$f:[0-9]+: error: style 'strong' is used but not defined; did you mean 'strung'\\?$" "a misspelt style"
ok "misspelt page template, tier, node, shape-style and style: the defined name suggested"

