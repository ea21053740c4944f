#!/usr/bin/env bash
# scripts.sh - blueprints in other scripts: the German, Arabic and Japanese
# samples under examples/languages/ export (job description and career
# guide) quietly with bundled fonts only; the Arabic text reads in logical
# order and its pages are mirrored (body, list markers and first table
# column on the right, page number on the left); the Japanese text breaks
# between characters, never before 、 or 。, and its justified lines fill
# the measure; a dir attribute mirrors one block of a left-to-right
# document, and puts a diagram's start indent on the right; German is hyphenated; xml:lang on a
# block or a span hyphenates its words by their own language, and text all in
# English is set left to right in an Arabic document, and justified there as
# in an English one; a Hebrew document takes the Hebrew
# faces; Arabic and Japanese exports are reproducible; a character no
# bundled font has is a warning with its blueprint line and code point,
# and the export still succeeds; so is one drawn in a running head, a
# footer or a diagram label, once a document.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

LANGS="$SRC/examples/languages"
AR="$LANGS/ar/platform-reliability-engineer.xml"
JA="$LANGS/ja/data-platform-engineer.xml"
DE="$LANGS/de/datenschutzberaterin.xml"
# The shipped stylesheets' A4 body: 20 mm margins.
LEFT=56.69
RIGHT=538.58

# words PDF PAGE: "xMin yMin xMax yMax WORD" for every word on the page.
words() {
    pdftotext -enc UTF-8 -bbox -f "$2" -l "$2" "$1" - 2>/dev/null |
        sed -n 's/.*<word xMin="\([0-9.]*\)" yMin="\([0-9.]*\)" xMax="\([0-9.]*\)" yMax="\([0-9.]*\)">\(.*\)<\/word>/\1 \2 \3 \4 \5/p'
}

# plain_text PDF [JOIN]: the text without the bidi controls pdftotext puts
# around right-to-left runs, lines joined with JOIN (default a space).
plain_text() {
    pdftotext -enc UTF-8 "$1" - 2>/dev/null |
        perl -CSD -pe 's/[\x{200E}\x{200F}\x{202A}-\x{202E}]//g' |
        awk -v j="${2- }" 'NF { printf "%s%s", (n++ ? j : ""), $0 } END { print "" }'
}

# short_lines PDF PAGE: "R L": how many lines of the page are short and set
# flush right (R), and short and flush left (L), in the shipped A4 body.
short_lines() {
    pdftotext -bbox-layout -f "$2" -l "$2" "$1" - 2>/dev/null |
        grep -o '<line xMin="[0-9.]*" yMin="[0-9.]*" xMax="[0-9.]*"' |
        awk -F'"' -v l=$LEFT -v r=$RIGHT '
            $2 > l + 100 && $6 > r - 1 && $6 < r + 1 { fr++ }
            $2 < l + 1 && $6 < r - 100 { fl++ }
            END { print fr + 0, fl + 0 }'
}

export_samples() {
    local f kind id
    for f in "$DE" "$AR" "$JA"; do
        id=$(basename "$f" .xml)
        run validate "$f"
        assert_quiet_success "validate $id"
        for kind in jd guide; do
            run "$kind" "$f" -o "$T/$id-$kind.pdf" --check-layout
            assert_quiet_success "$kind $id (no layout defect, no missing glyph)"
            assert_pdf "$T/$id-$kind.pdf"
            assert_bundled_fonts "$T/$id-$kind.pdf" "$kind $id"
        done
    done
    # the script faces are the ones used
    pdf_fonts "$T/platform-reliability-engineer-jd.pdf" | grep '^NotoNaskhArabic-Regular ' >/dev/null ||
        fail "the Arabic body text is not set in Noto Naskh Arabic"
    pdf_fonts "$T/data-platform-engineer-jd.pdf" | grep '^NotoSansCJKjp-Regular ' >/dev/null ||
        fail "the Japanese text is not set in Noto Sans CJK JP"
    ok "Arabic in Noto Naskh Arabic, Japanese in Noto Sans CJK JP"
}

arabic_text() {
    local pdf="$T/ar.pdf" s
    run jd "$AR" -o "$pdf"
    assert_quiet_success "jd Arabic"
    plain_text "$pdf" >"$T/ar.txt"
    # Whole sentences in logical order.  (pdftotext rebuilds the logical
    # order from the glyphs' positions; it garbles words with the lam-alef
    # ligature, one glyph for two letters, so these sentences have none.)
    for s in "يحافظ على استقرار المنصة السحابية المشتركة ويجعل أعطالها نادرة وقصيرة." \
             "يضع أهداف مستوى الخدمة مع الفرق التي تستخدم المنصة." \
             "تقرير شهري عن التوافر والحوادث وأسبابها الجذرية."; do
        grep -qF -- "$s" "$T/ar.txt" || fail "Arabic text not found in logical order: $s"
    done
    # A Latin name and a number inside Arabic come in their logical place
    # (pdftotext moves the spaces around them, so spaces are ignored).
    tr -d ' ' <"$T/ar.txt" >"$T/ar-nospace.txt"
    for s in "بأدوات مثل Terraform" "أقل من 45 دقيقة"; do
        grep -qF -- "${s// /}" "$T/ar-nospace.txt" || fail "mixed text not in logical order: $s"
    done
    ok "Arabic sentences in logical order, with a Latin name and a number inside"
}

arabic_mirrored() {
    local pdf="$T/ar.pdf"
    run jd "$AR" -o "$pdf"
    assert_quiet_success "jd Arabic"
    words "$pdf" 1 >"$T/w.txt"
    # list markers hang on the right, flush with the body's right edge
    awk -v r=$RIGHT '$5 == "•" { n++; if ($3 < r - 1 || $3 > r + 1) bad++ }
        END { exit !(n >= 5 && !bad) }' "$T/w.txt" ||
        fail "Arabic list markers are not at the right edge: $(grep ' •$' "$T/w.txt" | head -3)"
    # short lines (last lines of paragraphs, list items, headings) are set
    # flush right, where the English job description sets them flush left
    local ar en
    ar=$(short_lines "$pdf" 1)
    [ "${ar% *}" -ge 10 ] && [ "${ar#* }" -le 5 ] ||
        fail "Arabic short lines (flush right, flush left): $ar"
    # the first table column (the skill, "Kubernetes" in one row: pdftotext
    # splits Arabic words into letters) is the rightmost one, on whichever
    # of the first pages the skills table falls
    local pages
    pages=$(pdf_info "$pdf" Pages)
    for ((p = 1; p <= pages && p <= 3; p++)); do words "$pdf" "$p"; done >"$T/w3.txt"
    awk '$5 == "Kubernetes" { found = 1; if ($1 < 400) bad = 1 } END { exit !(found && !bad) }' \
        "$T/w3.txt" || fail "the skills table is not mirrored: $(grep ' Kubernetes$' "$T/w3.txt")"
    # the footer's right slot (the page number, in Arabic-Indic digits:
    # "١" on page 1) is drawn in the left half
    awk '$5 == "١" && $2 > 780 { found = 1; if ($1 > 297) bad = 1 }
        END { exit !(found && !bad) }' "$T/w.txt" ||
        fail "the page number is not on the left: $(awk '$2 > 780' "$T/w.txt" | head -5)"
    # the same stylesheet in English: the other way round
    run jd "$ROLES/cloud-architect.xml" -o "$T/en.pdf"
    words "$T/en.pdf" 1 | awk '$5 == "Page" && $2 > 780 { found = 1; if ($1 < 297) bad = 1 }
        END { exit !(found && !bad) }' || fail "the English page number is not on the right"
    en=$(short_lines "$T/en.pdf" 1)
    [ "${en% *}" -le 5 ] && [ "${en#* }" -ge 10 ] ||
        fail "English short lines (flush right, flush left): $en"
    ok "Arabic page mirrored: markers, text, table columns, page number"
}

japanese_lines() {
    local pdf="$T/ja.pdf"
    run jd "$JA" -o "$pdf" --stats
    assert_rc 0 "jd Japanese"
    # the composer (not Pango's fallback) set the justified lines
    grep -qE 'rolepress: [1-9][0-9]* justified lines' "$RUN_ERR" ||
        fail "no Japanese line was composed: $(cat "$RUN_ERR")"
    pdftotext -enc UTF-8 "$pdf" "$T/ja-lines.txt"
    if grep -nE '^(、|。|」|）)' "$T/ja-lines.txt" >"$T/bad.txt"; then
        fail "a Japanese line starts with closing punctuation: $(head -3 "$T/bad.txt")"
    fi
    if grep -nE '(「|（)$' "$T/ja-lines.txt" >"$T/bad.txt"; then
        fail "a Japanese line ends with opening punctuation: $(head -3 "$T/bad.txt")"
    fi
    # the purpose paragraph runs over lines that break with no space
    local first
    first=$(grep -m1 '^営業、製造' "$T/ja-lines.txt") || fail "purpose paragraph not found"
    case $first in *" "* | *速くします。*) fail "purpose not broken between characters: $first" ;; esac
    plain_text "$pdf" "" >"$T/ja.txt"
    grep -qF "それらを一つの基盤にまとめ、「いつ、どこから来た数字か」を誰でも確かめられる状態を保つことで、部門をまたいだ意思決定を速くします。" "$T/ja.txt" ||
        fail "the Japanese purpose is not there in order"
    grep -qF "SQLとPythonで変換処理を書き、レビューを経てから本番環境に反映する。" "$T/ja.txt" ||
        fail "a Japanese item with Latin words is not there in order"
    # its first line is justified: it ends at the body's right edge
    words "$pdf" 1 | awk -v r=$RIGHT 'index($5, "営業、製造") == 1 { found = 1; if ($3 < r - 1) bad = 1 }
        END { exit !(found && !bad) }' || fail "the first Japanese line is not justified"
    ok "Japanese breaks between characters, kinsoku kept, lines justified"
}

dir_attribute() {
    cat >"$T/dir.xml" <<'XML'
<document xml:lang="en">
  <meta><title>Direction</title></meta>
  <page-template name="p" margin-left="20mm" margin-right="20mm"/>
  <para>Starts on the left.</para>
  <para dir="rtl">Starts on the right.</para>
  <list dir="rtl"><item>Marker on the right.</item></list>
  <para>فريق أمن المعلومات يراجع الطلبات.</para>
  <group dir="rtl"><para dir="ltr">Back on the left.</para></group>
</document>
XML
    run typeset "$T/dir.xml" -o "$T/dir.pdf"
    assert_quiet_success "typeset a layout with dir"
    words "$T/dir.pdf" 1 >"$T/w.txt"
    # (in a right-to-left line the final full stop goes to the left end)
    awk -v l=$LEFT -v r=$RIGHT '
        $5 == "Starts" { if ($1 > l + 1) bad = 1; n++ }
        $5 == "right" && $3 > r - 1 && $3 < r + 1 { n++ }
        $5 == "•" { if ($3 < r - 1) bad = 1; n++ }
        END { exit !(n == 3 && !bad) }' "$T/w.txt" ||
        fail "dir=\"rtl\" did not move the block to the right: $(cat "$T/w.txt")"
    # an Arabic paragraph with no dir in an English document is still set
    # flush right (Pango finds its direction), and dir="ltr" inside a
    # right-to-left group brings a paragraph back to the left
    pdftotext -bbox-layout "$T/dir.pdf" - 2>/dev/null |
        grep -o '<line xMin="[0-9.]*" yMin="[0-9.]*" xMax="[0-9.]*"' |
        sort -t'"' -k4,4n >"$T/lines.txt" # top to bottom
    awk -F'"' -v l=$LEFT -v r=$RIGHT 'NR == 4 { if ($2 > l + 100 && $6 > r - 1) ok4 = 1 }
        NR == 5 { if ($2 < l + 1 && $6 < r - 100) ok5 = 1 }
        END { exit !(NR == 5 && ok4 && ok5) }' "$T/lines.txt" ||
        fail "Arabic paragraph or ltr-in-rtl paragraph misplaced: $(cat "$T/lines.txt")"
    ok "dir=\"rtl\" and dir=\"ltr\" on blocks; an Arabic paragraph of an English document"
}

diagram_indent() {
    # A diagram's start indent is on the right in a right-to-left block,
    # as a paragraph's is (the picture itself is not mirrored): a single
    # box sits in the middle of what the indent leaves, on either side.
    cat >"$T/dind.xml" <<'XML'
<document xml:lang="en">
  <meta><title>Indented diagrams</title></meta>
  <page-template name="p" margin-left="20mm" margin-right="20mm"/>
  <style name="ind" start-indent="200pt"/>
  <diagram style="ind"><tier id="t"/><lane id="l"/><node id="a" tier="t" lane="l">Leftnode</node></diagram>
  <diagram style="ind" dir="rtl"><tier id="t"/><lane id="l"/><node id="b" tier="t" lane="l">Rightnode</node></diagram>
</document>
XML
    run typeset "$T/dind.xml" -o "$T/dind.pdf"
    assert_quiet_success "typeset indented diagrams"
    words "$T/dind.pdf" 1 >"$T/w.txt"
    # the middles of [LEFT+200, RIGHT] and [LEFT, RIGHT-200]
    awk -v l=$LEFT -v r=$RIGHT '
        $5 == "Leftnode" { m = ($1 + $3) / 2; if (m > (l + 200 + r) / 2 - 1 && m < (l + 200 + r) / 2 + 1) n++ }
        $5 == "Rightnode" { m = ($1 + $3) / 2; if (m > (l + r - 200) / 2 - 1 && m < (l + r - 200) / 2 + 1) n++ }
        END { exit n != 2 }' "$T/w.txt" ||
        fail "diagram indents on the wrong side: $(grep node "$T/w.txt")"
    ok "a diagram's start indent is on the right in a right-to-left block"
}

german() {
    # German is hyphenated by the German patterns; the words rejoin.
    run jd "$DE" -o "$T/de.pdf"
    assert_quiet_success "jd German"
    plain_text "$T/de.pdf" >"$T/de.txt"
    grep -q '‐ ' "$T/de.txt" || fail "no German word is hyphenated at a line's end"
    sed 's/‐ //g' "$T/de.txt" | grep -F "Sorgt dafür, dass neue Produkte personenbezogene Daten von Anfang an sparsam und nachvollziehbar verarbeiten." >/dev/null ||
        fail "the German summary is not there in order"
    ok "German hyphenated, text in order"
}

text_language() {
    # xml:lang on a block or a span picks the patterns its words are
    # hyphenated with: the same English text, set narrow, breaks alike in
    # an English document, in a German document's para xml:lang="en", in a
    # span xml:lang="en" of a German paragraph and in a list of a group
    # xml:lang="en" at the same measure; a German paragraph breaks it
    # differently (so the comparison can fail).
    local text='The recovery architecture of every application accountability approaches operational distinguished affordable achievement ambitious acceleration adherence alignment auditable'
    local name lang body
    while read -r name lang body; do
        cat >"$T/$name.xml" <<XML
<document xml:lang="$lang">
  <meta><title>Languages</title></meta>
  <page-template name="p"/>
  <style name="narrow" end-indent="380pt" text-align="justify"/>
  <style name="item" end-indent="362pt" text-align="justify"/>
  ${body//TEXT/$text}
</document>
XML
        run typeset "$T/$name.xml" -o "$T/$name.pdf"
        assert_quiet_success "typeset $name.xml"
        pdftotext "$T/$name.pdf" - | grep . | grep -v '^•$' >"$T/$name.txt"
    done <<'CASES'
en en <para style="narrow">TEXT</para>
de de <para style="narrow">TEXT</para>
block de <para style="narrow" xml:lang="en">TEXT</para>
span de <para style="narrow">Die <span xml:lang="en">TEXT</span></para>
enspan en <para style="narrow">Die TEXT</para>
group de <group xml:lang="en"><list marker="none" item-style="item"><item>TEXT</item></list></group>
CASES
    grep -q '‐$' "$T/en.txt" || fail "no English word hyphenated: $(cat "$T/en.txt")"
    ! cmp -s "$T/en.txt" "$T/de.txt" || fail "German patterns break the text as English ones do"
    cmp -s "$T/en.txt" "$T/block.txt" || fail "para xml:lang=en: $(diff "$T/en.txt" "$T/block.txt")"
    cmp -s "$T/enspan.txt" "$T/span.txt" || fail "span xml:lang=en: $(diff "$T/enspan.txt" "$T/span.txt")"
    grep -q '‐$' "$T/group.txt" || fail "nothing hyphenated in the group: $(cat "$T/group.txt")"
    # the list's items are narrower: compared with the same list in English
    sed -e 's/<document xml:lang="de">/<document xml:lang="en">/' -e 's/ xml:lang="en"//' \
        "$T/group.xml" >"$T/engroup.xml"
    run typeset "$T/engroup.xml" -o "$T/engroup.pdf"
    pdftotext "$T/engroup.pdf" - | grep . >"$T/engroup.txt"
    cmp -s "$T/engroup.txt" "$T/group.txt" || fail "group xml:lang=en: $(diff "$T/engroup.txt" "$T/group.txt")"
    ok "xml:lang on a para, a span and a group: their words hyphenated as English in a German document"
}

language_direction() {
    # In an Arabic document, English text (a span or a para's xml:lang)
    # reads left to right, its full stop at its end, in paragraphs that
    # stay flush right: it is isolated from the direction around it.  An
    # English sentence inside an Arabic paragraph keeps its full stop too,
    # and so does a "Name: text" item, isolated whole.
    cat >"$T/dirlang.xml" <<'XML'
<document xml:lang="ar">
  <meta><title>Directions</title></meta>
  <page-template name="p" margin-left="20mm" margin-right="20mm"/>
  <para><span xml:lang="en">Short English line.</span></para>
  <para xml:lang="en">Another short one.</para>
  <para dir="rtl"><span xml:lang="en">Kept right to left.</span></para>
  <para>هذا نص عربي <span xml:lang="en">Knows the concepts and where to find help.</span> ثم نص عربي.</para>
  <list><item><b><span xml:lang="en">Platform Engineering</span></b>: <span xml:lang="en">builds the zone.</span></item></list>
  <para dir="rtl"><b><span xml:lang="en">Gamma</span></b>: <span xml:lang="en">delta.</span></para>
  <para><b><span xml:lang="en">Gamma</span></b>: <span xml:lang="en">delta.</span></para>
</document>
XML
    run typeset "$T/dirlang.xml" -o "$T/dirlang.pdf"
    assert_quiet_success "typeset dirlang.xml"
    words "$T/dirlang.pdf" 1 >"$T/w.txt"
    # flush right, words left to right, the full stop last; the item's
    # name before its text
    awk -v r=$RIGHT '
        { x[$5] = $1; end[$5] = $3 }
        END {
            ok = end["line."] > r - 1 && x["Short"] < x["English"] && x["English"] < x["line."]
            ok = ok && end["one."] > r - 1 && end["left."] > r - 1 && ("help." in x)
            ok = ok && x["Platform"] < x["Engineering:"] && x["Engineering:"] < x["builds"]
            exit !ok
        }' "$T/w.txt" ||
        fail "English text in an Arabic document misplaced: $(cat "$T/w.txt")"
    awk '$5 ~ /^[.:]./ { bad = 1 } END { exit bad }' "$T/w.txt" ||
        fail "punctuation at the wrong end: $(cat "$T/w.txt")"
    # the same words with dir="rtl" stay two passages, read right to left
    # (not the other paragraph's layout, though their text is the same)
    awk '$5 ~ /^Gamma/ { g[++n] = $1 } $5 ~ /^delta/ { d[++m] = $1 }
        END { exit !(n == 2 && m == 2 && g[1] > d[1] && g[2] < d[2]) }' "$T/w.txt" ||
        fail "dir=\"rtl\" and the same paragraph without: $(grep -E 'Gamma|delta' "$T/w.txt")"
    ok "English text in an Arabic document reads left to right, its punctuation at its end"
}

rtl_shrink() {
    # A justified English paragraph in an Arabic document (an English
    # blueprint exported with --lang ar) is broken where the English
    # document breaks it, its lines shrunk as well as stretched, and they
    # fill the measure: it no longer only stretched, and broke looser.
    local role="$SRC/xml/roles/ai-architect.xml" en ar
    run jd "$role" -o "$T/shrink-en.pdf"
    assert_quiet_success "jd of an English blueprint"
    run jd --lang ar "$role" -o "$T/shrink-ar.pdf"
    assert_quiet_success "jd --lang ar of an English blueprint"
    # purpose PDF: the lines of the purpose's first paragraph, each as
    # "xMin xMax words"
    purpose() {
        pdftotext -enc UTF-8 -bbox-layout -f 1 -l 1 "$1" - 2>/dev/null | awk '
            /<line / { match($0, /xMin="[0-9.]*"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
                       match($0, /xMax="[0-9.]*"/); x1 = substr($0, RSTART + 6, RLENGTH - 7); t = "" }
            /<word / { w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w); t = t (t == "" ? "" : " ") w }
            /<\/line>/ { print x0, x1, t }' |
            sed -n '/ Many AI ideas/,/ scratch\.$/p'
    }
    purpose "$T/shrink-en.pdf" >"$T/shrink-en.txt"
    purpose "$T/shrink-ar.pdf" >"$T/shrink-ar.txt"
    [ "$(wc -l <"$T/shrink-en.txt")" -ge 4 ] || fail "the purpose paragraph not found: $(cat "$T/shrink-en.txt")"
    assert_eq "$(cut -d' ' -f3- "$T/shrink-ar.txt")" "$(cut -d' ' -f3- "$T/shrink-en.txt")" \
        "the purpose's lines in the Arabic document"
    sed '$d' "$T/shrink-ar.txt" | awk -v l=$LEFT -v r=$RIGHT '$1 > l + 1 || $2 < r - 1 { bad = 1 } END { exit bad }' ||
        fail "a line of the English paragraph does not fill the measure: $(cat "$T/shrink-ar.txt")"
    ok "a justified English paragraph in an Arabic document breaks as in an English one, its lines full"
}

hebrew() {
    # A Hebrew document (right to left by its xml:lang alone) takes the
    # Hebrew face that matches each text face.
    cat >"$T/he.xml" <<'XML'
<document xml:lang="he">
  <meta><title>בדיקה</title></meta>
  <page-template name="p"/>
  <style name="sans" font-family="Noto Sans"/>
  <para>המהנדס אחראי על זמינות המערכות בשני מרכזי נתונים.</para>
  <para style="sans">הצוות עובד בשתי משמרות.</para>
</document>
XML
    run typeset "$T/he.xml" -o "$T/he.pdf"
    assert_quiet_success "typeset Hebrew"
    assert_bundled_fonts "$T/he.pdf" "Hebrew"
    pdf_fonts "$T/he.pdf" | grep '^NotoSerifHebrew-Regular ' >/dev/null || fail "serif Hebrew face not used"
    pdf_fonts "$T/he.pdf" | grep '^NotoSansHebrew-Regular ' >/dev/null || fail "sans Hebrew face not used"
    plain_text "$T/he.pdf" | grep -F "המהנדס אחראי על זמינות המערכות בשני מרכזי נתונים." >/dev/null ||
        fail "Hebrew text not in logical order"
    words "$T/he.pdf" 1 | awk -v r=$RIGHT '$3 > r - 1 && $3 < r + 1 { n++ } END { exit n < 2 }' ||
        fail "Hebrew paragraphs are not flush right"
    ok "Hebrew: serif and sans faces, logical order, flush right"
}

deterministic() {
    # the same Arabic and Japanese inputs give the same bytes
    local f
    for f in "$AR" "$JA"; do
        run_env SOURCE_DATE_EPOCH=1700000000 -- jd "$f" -o "$T/a.pdf"
        assert_rc 0 "first export of $(basename "$f")"
        run_env SOURCE_DATE_EPOCH=1700000000 -- jd "$f" -o "$T/b.pdf"
        assert_rc 0 "second export of $(basename "$f")"
        cmp -s "$T/a.pdf" "$T/b.pdf" || fail "two exports of $(basename "$f") differ"
    done
    ok "Arabic and Japanese exports are reproducible"
}

missing_glyph() {
    local f="$FIX/missing-glyph.xml" line
    line=$(grep -n 'E2E-GLYPH' "$f" | tail -1 | cut -d: -f1)
    run jd "$f" -o "$T/mg.pdf"
    assert_rc 0 "a missing glyph is a warning, not an error"
    assert_pdf "$T/mg.pdf"
    assert_stderr_contains "missing-glyph.xml:$line:40: warning: no bundled font has a glyph for U+10000 (𐀀)"
    assert_stderr_contains "missing-glyph.xml:$line:49: warning: no bundled font has a glyph for U+13000 (𓀀)"
    assert_eq "$(grep -c 'U+13000' "$RUN_ERR")" 1 "the hieroglyph, used twice, reported once"
    assert_eq "$(grep -c 'warning' "$RUN_ERR")" 2 "warnings"
    ok "missing glyphs warned with blueprint line, column and code point"
}

missing_glyph_drawn() {
    # Text drawn outside the body (a running head, a diagram label, a
    # footer) is checked like a paragraph: each character once a
    # document, however many pages draw it, at the blueprint line its
    # text comes from, else against the stylesheet.  The shipped
    # stylesheets put a title in the body too; this one does not.
    sed -e 's|<title>Platform Support Engineer</title>|<title>Platform 𓀁 Engineer</title>|' \
        -e 's|<reports-to>Platform Engineering Manager</reports-to>|<reports-to>Platform 𓀂 Manager</reports-to>|' \
        "$FIX/missing-glyph.xml" >"$T/glyph-role.xml"
    cat >"$T/drawn.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:rpt="urn:x-rolepress:typeset" exclude-result-prefixes="rpt">
  <xsl:template match="/role">
    <document>
      <meta><title>Drawn outside the body</title></meta>
      <page-template name="p">
        <header><left><section-title/></left></header>
        <footer><center>Footer 𓀃</center></footer>
      </page-template>
      <section title="{normalize-space(title)}" src="{rpt:src(title)}">
        <para>Page one.</para>
        <page-break/>
        <para>Page two.</para>
        <page-break/>
        <diagram src="{rpt:src(reporting)}">
          <tier id="t"/>
          <lane id="l"/>
          <node id="n" tier="t" lane="l"><xsl:value-of select="normalize-space(reporting/reports-to)"/></node>
        </diagram>
      </section>
    </document>
  </xsl:template>
</xsl:stylesheet>
XSL
    local f="$T/glyph-role.xml" title reports
    title=$(grep -n '<title>' "$f" | cut -d: -f1)
    reports=$(grep -n '<reports-to>' "$f" | cut -d: -f1)
    run jd --stylesheet "$T/drawn.xsl" "$f" -o "$T/drawn.pdf"
    assert_rc 0 "missing glyphs outside the body are warnings, not errors"
    assert_pdf "$T/drawn.pdf"
    [ "$(pdf_info "$T/drawn.pdf" Pages)" -eq 3 ] || fail "expected 3 pages of running heads"
    assert_stderr_contains "$f:$title:19: warning: no bundled font has a glyph for U+13001 (𓀁)"
    assert_stderr_contains "$f:$reports:26: warning: no bundled font has a glyph for U+13002 (𓀂)"
    assert_stderr_contains "$T/drawn.xsl: warning: no bundled font has a glyph for U+13003 (𓀃)"
    local c
    for c in 13001 13002 13003; do
        assert_eq "$(grep -c "U+$c" "$RUN_ERR")" 1 "U+$c, drawn on every page or once, reported once"
    done
    assert_eq "$(grep -c 'warning' "$RUN_ERR")" 3 "warnings"
    ok "missing glyphs in a running head, a diagram label and a footer warned once each"
}

case_run export_samples export_samples
case_run arabic_text arabic_text
case_run arabic_mirrored arabic_mirrored
case_run japanese_lines japanese_lines
case_run dir_attribute dir_attribute
case_run diagram_indent diagram_indent
case_run german german
case_run text_language text_language
case_run language_direction language_direction
case_run rtl_shrink rtl_shrink
case_run hebrew hebrew
case_run deterministic deterministic
case_run missing_glyph missing_glyph
case_run missing_glyph_drawn missing_glyph_drawn
