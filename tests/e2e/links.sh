#!/usr/bin/env bash
# links.sh - a click on a word of a link leads where its link does.
#
# One layout, typeset: every word is mapped to the link annotation under
# it (link_words.py: qpdf's reading of the annotations, pdftotext's of
# the words), and each must lead exactly where the layout says:
#   - a link inside a link: its words to the inner link, the outer link's
#     words before and after it to the outer one, and no word under two
#     annotations (the renderer paints the inner link over the outer);
#   - a link broken over several lines of a justified paragraph: one
#     annotation per line, every word under it;
#   - a link to an id in the document: to its page;
#   - words outside links: under no annotation;
#   - the same linked paragraph three times (identical paragraphs, which
#     the paragraph cache serves by their content), twice on the first
#     page and once on a later one: each time its words under their own
#     annotations.  The page-ref makes the document one of several
#     passes, drawn on a thread of its own (-j 2; a document of one pass
#     is drawn as it is laid out), so that a line served twice gets a
#     copy for each (job_copy_of in render.c): that path is run here, not
#     proved needed (without it, a race between the threads; this test
#     still passes).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

# lw1 ... lwN: short enough never to be hyphenated
words() {
    local i
    for i in $(seq "$1"); do printf 'lw%d ' "$i"; done
}

cat >"$T/links.xml" <<EOF
<document><meta><title>links</title></meta>
<page-template name="p" size="A4" margin-left="20mm" margin-right="110mm"/>
<style name="b" font-family="Noto Sans" font-size="11pt" text-align="justify"/>
<section id="top" title="Links">
<para style="b">pre <link href="https://outer.example/">oa ob <link href="https://inner.example/">ia ib</link> oc od</link> post</para>
<para style="b">lead <link href="https://long.example/">$(words 40)</link>tail</para>
<para style="b">then <link href="#top">back</link> done on p. <page-ref ref="top"/></para>
<para style="b">ra rb <link href="https://repeated.example/">rla rlb</link> rc rd re rf rg rh ri rj rk rl rm rn ro rp</para>
<para style="b">ra rb <link href="https://repeated.example/">rla rlb</link> rc rd re rf rg rh ri rj rk rl rm rn ro rp</para>
<para style="b">$(words 400 | sed 's/lw/fw/g')</para>
<para style="b">ra rb <link href="https://repeated.example/">rla rlb</link> rc rd re rf rg rh ri rj rk rl rm rn ro rp</para>
</section></document>
EOF

run typeset "$T/links.xml" -o "$T/links.pdf" -j 2
assert_quiet_success "typeset of the links layout"
cached_read python3 "$E2E_DIR/link_words.py" "$T/links.pdf" >"$T/words.txt" ||
    fail "link_words.py failed on links.pdf"

# target WORD: where the word leads (the first time it appears)
target() {
    awk -v w="$1" '$2 == w { $1 = ""; $2 = ""; sub(/^  /, ""); print; exit }' "$T/words.txt"
}

nested() {
    local w
    for w in oa ob oc od; do
        assert_eq "$(target "$w")" "uri https://outer.example/" "where '$w' (the outer link) leads"
    done
    for w in ia ib; do
        assert_eq "$(target "$w")" "uri https://inner.example/" "where '$w' (the inner link) leads"
    done
    for w in pre post lead tail then done; do
        assert_eq "$(target "$w")" "none" "where '$w' (outside the links) leads"
    done
    ! grep -q ' several: ' "$T/words.txt" || fail "words under two annotations: $(grep ' several: ' "$T/words.txt" | head -n 3 | tr '\n' ' ')"
    ok "a link in a link: its words lead to it, the outer link's to the outer, none to both"
}
case_run nested nested

broken() {
    local bad lines
    bad=$(grep -E '^[0-9]+ lw[0-9]+ ' "$T/words.txt" | grep -v ' uri https://long.example/$' | head -n 3 || true)
    [ -z "$bad" ] || fail "words of the long link that do not lead to it: $(printf '%s' "$bad" | tr '\n' ' ')"
    assert_eq "$(grep -cE '^[0-9]+ lw[0-9]+ ' "$T/words.txt")" 40 "words of the long link found"
    lines=$(cached_read python3 "$E2E_DIR/pdf_digest.py" "$T/links.pdf" | grep -cE -- '-> uri ([ub]:)?https://long\.example/ ' || true)
    [ "$lines" -ge 4 ] || fail "the long link has $lines annotations: it should run over four lines or more"
    ok "a link over $lines lines: one annotation per line, every word under one"
}
case_run broken broken

internal() {
    local dest
    dest=$(cached_read python3 "$E2E_DIR/pdf_digest.py" "$T/links.pdf" | sed -n 's/^dest [ub]:top -> //p')
    [ -n "$dest" ] || fail "no destination named top"
    assert_eq "$(target back)" "$dest" "where 'back' leads (the destination named top)"
    ok "a link to an id leads to its destination"
}
case_run internal internal

repeated() {
    local w last
    last=$(awk '$2 == "rla" { p = $1 } END { print p }' "$T/words.txt")
    [ "${last:-0}" -gt 0 ] || fail "the third paragraph is not on a later page (page ${last:-none})"
    for w in rla rlb; do
        assert_eq "$(awk -v w="$w" '$2 == w { print $1, $3, $4 }' "$T/words.txt" | tr '\n' ' ')" \
            "0 uri https://repeated.example/ 0 uri https://repeated.example/ $last uri https://repeated.example/ " \
            "the pages of '$w' and where it leads, each time"
    done
    for w in ra rb rc rp; do
        assert_eq "$(awk -v w="$w" '$2 == w { print $1, $3 }' "$T/words.txt" | tr '\n' ' ')" "0 none 0 none $last none " \
            "the pages of '$w' and where it leads, each time"
    done
    ok "the same linked paragraph twice on a page and once on the next: its link where it is each time"
}
case_run repeated repeated

