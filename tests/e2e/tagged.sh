#!/usr/bin/env bash
# tagged.sh - the tagged PDF: a structure tree in reading order (pdfinfo
# -struct, and MuPDF as a second reader), headings at their levels,
# paragraphs, lists, tables with header cells, links holding their text,
# figures with text alternatives, the contents as TOC/TOCI, furniture as
# artifacts outside the tree, nothing painted outside marked content
# (unmarked.py), /Lang from the blueprint's language and the title shown.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"
# Fixed dates: the same bytes in both stages of .ci/run (cached_read).
export SOURCE_DATE_EPOCH=1700000000

command -v mutool >/dev/null || { echo "$E2E_NAME: mutool (mupdf-tools) is not installed" >&2; exit 2; }
command -v python3 >/dev/null || { echo "$E2E_NAME: python3 is not installed" >&2; exit 2; }
TREE_JS="$E2E_DIR/tagged_tree.js"

# tree PDF: MuPDF's reading of the structure tree ("TYPE pages=N [alt=...]").
tree() { mutool run "$TREE_JS" "$1"; }

# catalog_entry PDF PATH: a value from the catalogue, as mutool shows it.
catalog_entry() { mutool show "$1" "trailer/Root/$2" 2>/dev/null | tr -d '\n'; }

# count_tag FILE TYPE: lines of a tree listing whose element is TYPE.
count_tag() { grep -cE "^ *$2( |:|$)" "$1" || true; }

# assert_tagged PDF: what every export must be.
assert_tagged() {
    [ "$(pdf_info "$1" Tagged)" = yes ] || fail "pdfinfo does not report $1 as tagged"
    pdf_check "$1" >/dev/null || fail "qpdf --check fails on $1"
    [ "$(catalog_entry "$1" ViewerPreferences/DisplayDocTitle)" = true ] ||
        fail "$1: no /ViewerPreferences /DisplayDocTitle true in the catalogue"
    [ "$(catalog_entry "$1" MarkInfo/Marked)" = true ] || fail "$1: no /MarkInfo /Marked true"
    # Cairo's placeholders are gone: no Span or Private element, and the
    # artifacts are marked as such in the page content.
    pdf_qdf "$1" "$T/qdf.pdf" --static-id
    [ "$(carriers_left "$T/qdf.pdf")" = 0 ] || fail "$1: $(carriers_left "$T/qdf.pdf") carrier elements are left in the tree"
    ! grep -aq '/Warichu' "$T/qdf.pdf" || fail "$1: a passage's element or content is not renamed Span"
    ! grep -aq '/Private <<' "$T/qdf.pdf" || fail "$1: placeholder marked content is left in a page"
    grep -aq '/Artifact BMC' "$T/qdf.pdf" || fail "$1: no artifact in any page"
    cached_read python3 "$E2E_DIR/unmarked.py" "$T/qdf.pdf" >"$T/unmarked.txt" ||
        fail "$1: $(head -n 3 "$T/unmarked.txt" | tr '\n' ' ')"
    ok "$(basename "$1"): tagged, catalogue complete, qpdf --check passes, nothing painted unmarked"
}

# assert_counts LAYOUT TREE: as many elements in the tree as blocks in the
# layout XML: a block split over pages is still one element, and the
# header rows a table repeats on each page are in the tree once.
assert_counts() {
    local layout=$1 listing=$2 pair xpath tag want got
    for pair in "//heading:H[1-6]" "//table:Table" "//thead//cell:TH" "//tbody//cell:TD" \
                "//list:L" "//item:LI" "//diagram:Figure"; do
        xpath=${pair%%:*}
        tag=${pair#*:}
        want=$(xml_num "$layout" "count($xpath)")
        got=$(count_tag "$listing" "$tag")
        [ "$got" = "$want" ] || fail "$tag: $got in the structure tree, $want ($xpath) in the layout"
    done
    ok "one structure element per heading, table, header cell, cell, list, item and diagram"
}

# headings_in_layout LAYOUT / headings_in_pdf PDF: "LEVEL TEXT" per heading,
# in document order.  Poppler gives a ligature as one character and drops
# what follows it in the element (it ends the element's marked content at
# the end of Cairo's /ActualText span inside), so the PDF's text is
# compared, ligatures spelled out, as a beginning of the layout's.
headings_in_layout() {
    xmllint --xpath '//heading' "$1" 2>/dev/null |
        sed -n 's/.*<heading[^>]* level="\([1-6]\)"[^>]*>\([^<]*\)<\/heading>.*/\1 \2/p'
}
headings_in_pdf() {
    cached_read pdfinfo -struct-text "$1" 2>/dev/null | awk '
        /^ *H[1-6] \(block\)/ { match($0, /H[1-6]/); level = substr($0, RSTART + 1, 1); next }
        level && /^ *"/ { t = $0; sub(/^ *"/, "", t); sub(/"$/, "", t); print level, t; level = 0 }'
}

# assert_artifact PDF TEXT: TEXT is printed (pdftotext) but is not in the
# structure tree: page furniture.
assert_artifact() {
    pdftotext -enc UTF-8 "$1" "$T/printed.txt"
    cached_read pdfinfo -struct-text "$1" >"$T/tagged.txt" 2>/dev/null
    grep -Fq -- "$2" "$T/printed.txt" || fail "'$2' is not printed in $1"
    ! grep -Fq -- "$2" "$T/tagged.txt" || fail "'$2' (page furniture) is in the structure tree of $1"
    ok "'$2' is printed but left out of the structure tree"
}

jd() {
    run jd "$ROLES/cloud-architect.xml" -o "$T/jd.pdf"
    assert_quiet_success "jd"
    run jd "$ROLES/cloud-architect.xml" -o "$T/jd.xml" --emit layout
    assert_rc 0 "jd --emit layout"
    assert_tagged "$T/jd.pdf"
    pdfinfo -struct "$T/jd.pdf" >"$T/struct.txt"
    [ "$(head -n 1 "$T/struct.txt")" = Document ] || fail "the structure tree does not start with Document"
    local tag
    for tag in Sect H1 H2 P L LI Lbl LBody Table THead TBody TR TH TD; do
        grep -qE "^ *$tag( |:|$)" "$T/struct.txt" || fail "pdfinfo -struct shows no $tag"
    done
    ok "pdfinfo -struct: Document, Sect, headings, P, L/LI/Lbl/LBody, Table/THead/TBody/TR/TH/TD"
    headings_in_layout "$T/jd.xml" >"$T/want"
    headings_in_pdf "$T/jd.pdf" | sed 's/ﬁ/fi/g; s/ﬂ/fl/g; s/ﬀ/ff/g; s/ﬃ/ffi/g; s/ﬄ/ffl/g' >"$T/got"
    [ -s "$T/want" ] || fail "the layout has no headings"
    [ "$(wc -l <"$T/want")" = "$(wc -l <"$T/got")" ] ||
        fail "$(wc -l <"$T/got") headings in the tree, $(wc -l <"$T/want") in the layout"
    paste -d '\t' "$T/want" "$T/got" | awk -F '\t' '
        length($2) < 3 || index($1, $2) != 1 { print "layout: " $1 " / tree: " $2; bad = 1 }
        END { exit bad }' >"$T/diff" || fail "headings differ: $(head -n 3 "$T/diff" | tr '\n' ' ')"
    ok "every heading at its level, in reading order ($(wc -l <"$T/want") headings)"
    tree "$T/jd.pdf" >"$T/tree.txt"
    [ "$(count_tag "$T/tree.txt" Document)" = 1 ] || fail "MuPDF does not read one Document element"
    assert_counts "$T/jd.xml" "$T/tree.txt"
    [ "$(catalog_entry "$T/jd.pdf" Lang)" = "(en)" ] || fail "/Lang is $(catalog_entry "$T/jd.pdf" Lang), not (en)"
    [ "$(pdf_info "$T/jd.pdf" Title)" = "$(xml_str "$T/jd.xml" '/document/meta/title')" ] ||
        fail "the document title is not the layout's"
    ok "/Lang (en), the title from the layout, shown as the window title"
    assert_artifact "$T/jd.pdf" "Version 1.0 · Approved"
    assert_artifact "$T/jd.pdf" "Page 1 of"
}

language() {
    sed 's/xml:lang="en"/xml:lang="de"/' "$FIX/valid-role.xml" >"$T/valid-role.xml"
    run jd "$T/valid-role.xml" -o "$T/de.pdf"
    assert_quiet_success "jd of a German blueprint"
    [ "$(catalog_entry "$T/de.pdf" Lang)" = "(de)" ] ||
        fail "/Lang is $(catalog_entry "$T/de.pdf" Lang) for a blueprint in xml:lang=\"de\""
    ok "/Lang follows the blueprint's xml:lang"
}

# A passage in another language than its paragraph's is a Span with its
# /Lang, nested passages each their own; a link takes the language of its
# words (its element is the paragraph's child, whatever passage it is
# in); a paragraph all in one language is that language's P, with no Span.
passages() {
    cat >"$T/passages.xml" <<'EOF'
<document xml:lang="en"><meta><title>Passages</title></meta>
<page-template name="p" size="A4"><footer><right>Folio <page-number/></right></footer></page-template>
<style name="b" font-family="DejaVu Sans" font-size="11pt" text-align="justify"/>
<section id="top" title="Passages">
<para style="b">They call it <i xml:lang="de">Fingerspitzengefühl und <b xml:lang="en">feel</b> genau</i> here.</para>
<para style="b"><span xml:lang="fr">Tout en français.</span></para>
<para style="b">See <link href="https://example.org/" xml:lang="de">die Seite</link> and <i xml:lang="es">una <link href="https://example.com/">frase</link></i>.</para>
<para style="b">Plain <b>English</b> and a <link href="https://example.net/">link</link>.</para>
</section></document>
EOF
    run typeset "$T/passages.xml" -o "$T/passages.pdf"
    assert_quiet_success "typeset the passages"
    assert_tagged "$T/passages.pdf"
    tree "$T/passages.pdf" | sed -n '/^ *Sect/,$p' >"$T/passages.tree"
    assert_eq "$(cat "$T/passages.tree")" "  Sect pages=1
    P pages=1
      Span pages=1 lang=de
      Span pages=1 lang=en
      Span pages=1 lang=de
    P pages=1 lang=fr
    P pages=1
      Link pages=1 lang=de
      Span pages=1 lang=es
      Link pages=1 lang=es
    P pages=1
      Link pages=1" "the structure tree of the passages"
    cached_read pdfinfo -struct-text "$T/passages.pdf" >"$T/passages.txt"
    awk '/Span/ { s = 1; next } s { print; s = 0 }' "$T/passages.txt" >"$T/spans.txt"
    assert_eq "$(cat "$T/spans.txt")" '        "Fingerspitzengefühl und "
        "feel"
        " genau"
        "una "' "the text of the Spans"
    ok "passages in other languages are Spans with /Lang, links in their words' language"
}

fixture() {
    local fx="$FIX/tagged-layout.xml"
    run typeset "$fx" -o "$T/fx.pdf"
    assert_quiet_success "typeset the tagging fixture"
    assert_tagged "$T/fx.pdf"
    [ "$(catalog_entry "$T/fx.pdf" Lang)" = "(fr-CA)" ] || fail "/Lang is not the layout's fr-CA"
    tree "$T/fx.pdf" >"$T/tree.txt"
    assert_counts "$fx" "$T/tree.txt"
    cached_read pdfinfo -struct-text "$T/fx.pdf" >"$T/text.txt"
    # The link's text is inside its Link element, between the paragraph's own text.
    awk '/^ *P \(block\)/ { p = 1 } p && /Link \(inline\)/ { l = NR }
         l && NR <= l + 2 && /"the role catalogue"/ { found = 1 } END { exit !found }' "$T/text.txt" ||
        fail "the link text is not inside a Link element of the paragraph"
    grep -q '^ *" before you start' "$T/text.txt" || fail "the paragraph's own text around the link is lost"
    ok "a paragraph holds its text and a Link element with the link's text"
    # A page number in running text is a link of its own.
    awk '/Link \(inline\)/ { l = NR } l && NR <= l + 2 && /^ *"[0-9]+"$/ { found = 1 }
         END { exit !found }' "$T/text.txt" || fail "the page-ref's number is not in a Link element"
    ok "a page number in running text is a Link holding the number"
    pdf_qdf "$T/fx.pdf" "$T/fxq.pdf"
    grep -aq '/Contents (the role catalogue)' "$T/fxq.pdf" ||
        fail "the link annotation has no /Contents with the link's text"
    ok "the link annotation describes itself with the link's text"
    # Tab order follows the structure on a page with links; header cells
    # say what they head.
    grep -aqE '/Tabs */S' "$T/fxq.pdf" || fail "no page with links has /Tabs /S"
    grep -aqE '/Scope */Column' "$T/fxq.pdf" || fail "no header cell has /Scope /Column"
    ok "pages with links have /Tabs /S, header cells /Scope /Column"
    # The long paragraph runs over a page break and is one P.
    grep -qE '^ *P pages=2$' "$T/tree.txt" || fail "no paragraph element spans two pages"
    awk '/^ *P \(block\)/ { n++ } /Opening words of the long/ { a = n } /of the long paragraph\."$/ { b = n }
         END { exit !(a && a == b) }' "$T/text.txt" ||
        fail "the first and last words of the long paragraph are not in the same P"
    ok "a paragraph split over pages is one P element"
    grep -qE '^ *Table pages=([2-9]|[1-9][0-9])$' "$T/tree.txt" || fail "the table does not span pages"
    ok "a table over three pages is one Table, its repeated header rows in it once"
    grep -qF 'Figure pages=1 alt=Diagram of 2 roles. Junior Role leads to Senior Role.' "$T/tree.txt" ||
        fail "the diagram's Figure has no text alternative made from its data"
    ok "the diagram is a Figure with its generated alternative text"
    assert_artifact "$T/fx.pdf" "Running head of the fixture"
    assert_artifact "$T/fx.pdf" "Folio 2"
    # Furniture of text alone, with no rule drawn beside it: the stretch
    # of the page that draws it paints with text operators only, and is
    # an artifact all the same.
    sed 's/ rule="yes"//' "$fx" >"$T/norule.xml"
    run typeset "$T/norule.xml" -o "$T/norule.pdf"
    assert_quiet_success "typeset the tagging fixture without its header rule"
    assert_tagged "$T/norule.pdf"
    assert_artifact "$T/norule.pdf" "Running head of the fixture"
}

handbook() {
    run handbook "$SRC/xml" -o "$T/hb.pdf"
    assert_quiet_success "handbook"
    run handbook "$SRC/xml" -o "$T/hb.xml" --emit layout
    assert_rc 0 "handbook --emit layout"
    assert_tagged "$T/hb.pdf"
    tree "$T/hb.pdf" >"$T/tree.txt"
    assert_counts "$T/hb.xml" "$T/tree.txt"
    local figures alts links
    figures=$(count_tag "$T/tree.txt" Figure)
    alts=$(grep -cE '^ *Figure pages=[0-9]+ alt=Diagram of [0-9]+ roles\.' "$T/tree.txt" || true)
    [ "$figures" -gt 0 ] && [ "$alts" = "$figures" ] || fail "$alts of $figures figures have a text alternative"
    grep -qE '^ *Figure .*alt=Diagram of 30 roles\..* Cloud Architect leads to Lead Cloud Architect\.' "$T/tree.txt" ||
        fail "the ladder's alternative text does not say Cloud Architect leads to Lead Cloud Architect"
    ok "every one of the $figures figures has alternative text; the ladder's reads its edges"
    links=$(count_tag "$T/tree.txt" Link)
    # Every link, page-ref and linked diagram node is at least one Link
    # (more when it breaks over lines), and every link annotation has one.
    local want annots
    want=$(xml_num "$T/hb.xml" "count(//link) + count(//page-ref) + count(//node[@href])")
    [ "$links" -ge "$want" ] || fail "$links Link elements for $want links, page-refs and linked nodes"
    pdf_qdf "$T/hb.pdf" "$T/hbq.pdf"
    annots=$(grep -ac '/Subtype /Link' "$T/hbq.pdf" || true)
    [ "$annots" = "$links" ] || fail "$annots link annotations, $links Link elements"
    pdfinfo -struct "$T/hb.pdf" >"$T/struct.txt"
    grep -qE '^ *Link' "$T/struct.txt" || fail "pdfinfo -struct shows no Link"
    ok "$links Link elements, one per link annotation, none of $want links missing"
    grep -qE '^ *Table pages=([2-9]|[1-9][0-9])$' "$T/tree.txt" || fail "no table spans pages in one element"
    ok "tables split over pages are one element each"
    local entries
    entries=$(xml_num "$T/hb.xml" "count(//group[@role='contents']//para)")
    [ "$(count_tag "$T/tree.txt" TOC)" = 1 ] || fail "the handbook's contents are not one TOC"
    [ "$entries" -gt 0 ] && [ "$(count_tag "$T/tree.txt" TOCI)" = "$entries" ] ||
        fail "$(count_tag "$T/tree.txt" TOCI) TOCI entries for $entries contents lines"
    ok "the contents are a TOC of $entries TOCI entries"
    # Artifacts are drawn in no element where the renderer knows that the
    # element they are drawn in will hold another (a table row its
    # cells): a carrier element would have left a null in the parent tree.
    python3 - "$T/hbq.pdf" <<'PY' >"$T/nulls.txt" || fail "the parent tree: $(cat "$T/nulls.txt")"
import re, sys
pdf = open(sys.argv[1], "rb").read()
objs = dict(re.findall(rb"\n(\d+) 0 obj\n(.*?)\nendobj", pdf, re.S))
root = re.search(rb"/ParentTree (\d+) 0 R", pdf)
nums = re.search(rb"/Nums \[(.*?)\]", objs[root.group(1)], re.S) if root else None
if not nums:
    sys.exit("no /ParentTree /Nums")
refs = re.findall(rb"(\d+) 0 R", nums.group(1))
nulls = sum(len(re.findall(rb"\bnull\b", objs[r])) for r in refs)
print("%d null entries in %d page maps" % (nulls, len(refs)))
sys.exit(1 if nulls or not refs else 0)
PY
    ok "no artifact of the handbook needed a carrier element ($(cat "$T/nulls.txt"))"
}

# A link to an id the document lacks is dropped with one warning, however
# many lines its text wraps over.
dangling() {
    local words="" i
    for i in $(seq 1 60); do words="$words wrapping words"; done
    sed -e "s|<link href=\"#later\">the later section</link>|<link href=\"#nowhere\">$words</link>|" \
        -e 's|<para>Read |<para src="links.xml:12">Read |' \
        "$FIX/tagged-layout.xml" >"$T/dangling.xml"
    run typeset "$T/dangling.xml" -o "$T/dangling.pdf"
    assert_rc 0 "a dangling link"
    assert_pdf "$T/dangling.pdf"
    local n
    n=$(grep -c "link to '#nowhere', which is not an id in the document" "$RUN_ERR" || true)
    [ "$n" = 1 ] || fail "$n warnings for one dangling link over several lines"
    assert_stderr_matches "^links\.xml:12: warning: link to '#nowhere'" "the dangling link at its block's src"
    ok "one warning for a dangling link that wraps, at the line its block came from"
}

# Blocks of plain text that end on their page (a heading with a rule
# below, a paragraph and a list item of several lines, table cells) take
# their content themselves: no carrier element, which would be left as a
# free entry of the cross-reference table.
plain() {
    run typeset "$FIX/plain-layout.xml" -o "$T/plain.pdf"
    assert_quiet_success "typeset the plain fixture"
    assert_tagged "$T/plain.pdf"
    [ "$(pdf_info "$T/plain.pdf" Pages)" = 1 ] || fail "the plain fixture is not one page"
    local size used
    size=$(mutool show "$T/plain.pdf" trailer/Size)
    used=$(qpdf --show-xref "$T/plain.pdf" | grep -c 'compressed') # and uncompressed: every object in use
    [ "$size" -gt 1 ] && [ $((size - 1 - used)) = 0 ] ||
        fail "$((size - 1 - used)) objects left out (carrier elements) of $((size - 1))"
    ok "no carrier element for blocks of plain text ($used objects, none left out)"
}

case_run jd jd
case_run plain plain
case_run dangling dangling
case_run language language
case_run passages passages
case_run fixture fixture
case_run handbook handbook
