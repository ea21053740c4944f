#!/usr/bin/env bash
# l10n.sh - localised fixed text: message catalogues and the lang option.
#
#   * the catalogues (xml/l10n/) validate against l10n.rng, all have the
#     keys and placeholders of en.xml, and the stylesheets use no key
#     en.xml lacks (l10n_catalogues.py);
#   * a blueprint with xml:lang="de" gives a German job description:
#     headings, "Seite 1 von N", a German date, German labels;
#   * --lang fr on an English blueprint gives French, --lang es a Spanish
#     career guide, --lang de a German handbook;
#   * --emit layout with --lang ar / ja carries Arabic / Japanese labels,
#     Arabic-Indic digits and the layout's xml:lang;
#   * de-CH reads de.xml and stays de-CH in the layout, quietly;
#   * a language without a catalogue (xml:lang="sw") exports English with
#     one warning at the xml:lang's file:line:col; --lang sw names the
#     option; a stylesheet that prints no catalogue text is not warned;
#   * --lang with something that is not a language tag exits 2;
#   * the depfile lists the catalogue that was read, and no other;
#   * a catalogue missing a message prints the English one, never the key;
#     one that cannot be read is an error;
#   * a missing message is warned about once per key and catalogue, however
#     often it is printed and however many documents a run exports;
#   * run by hand (xsltproc, as docs/layout.md shows), the stylesheets choose
#     the catalogue rolepress chooses: common.xsl repeats the choice for
#     that, and this holds the two together;
#   * English is what it was: --lang en gives the bytes of the default;
#   * rolepress validate checks the catalogues among its inputs;
#   * diagrams carry a text alternative (alt) in the catalogue's words;
#   * what blueprints and the ladder say is marked with their language
#     (span xml:lang) where the document's is another: with --lang, and in
#     a handbook whose definition is in another language than its roles;
#     the tagged PDF gives the elements that hold only such text its /Lang.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

ROLE="$ROLES/cloud-architect.xml"
DE="$FIX/l10n/de-role.xml"

# pdf_has PDF WHAT STRING...: the PDF's text holds every STRING.
pdf_has() {
    local pdf=$1 what=$2 text want
    shift 2
    text=$(pdftotext "$pdf" - | normalize)
    for want in "$@"; do
        [[ $text == *"$want"* ]] || fail "$what lacks '$want': $(head -c 600 <<<"$text")"
    done
}

catalogues() {
    local f
    for f in "$SRC"/xml/l10n/*.xml; do
        xmllint --noout --relaxng "$SRC/xml/schema/l10n.rng" "$f" 2>"$T/xmllint.err" ||
            fail "$f does not validate against l10n.rng: $(head -c 300 "$T/xmllint.err")"
    done
    ok "every catalogue validates against xml/schema/l10n.rng"
    for f in en de fr es ar ja; do
        [ -f "$SRC/xml/l10n/$f.xml" ] || fail "no catalogue xml/l10n/$f.xml"
    done
    ok "catalogues for en, de, fr, es, ar and ja"
    python3 "$E2E_DIR/l10n_catalogues.py" "$SRC" >"$T/cat.out" 2>&1 ||
        fail "catalogues incomplete: $(head -c 800 "$T/cat.out")"
    ok "every catalogue has exactly en.xml's keys and placeholders: $(cat "$T/cat.out")"
}
case_run catalogues catalogues

german_blueprint() {
    local text want
    run_env SOURCE_DATE_EPOCH=1700000000 -- jd "$DE" -o "$T/de.pdf"
    assert_quiet_success "jd of a blueprint with xml:lang=de"
    pdf_has "$T/de.pdf" "the German job description" "Stellenbeschreibung" \
        "Aufgaben Strategie und Ausrichtung" "Zweck der Rolle" \
        "Berichtet an Leitung Architektur; arbeitet eng zusammen mit:" "Kompetenzen" \
        "Leistungskennzahlen" "Karrierepfad" "Beförderung zu Leitende Plattformarchitektin" \
        "Strategie und Ausrichtung" "Quartalsweise" "Freigegeben" "6+ Jahre" "(wünschenswert)" \
        "Version 2.1 · Freigegeben · geprüft am 16. November 2026" "Seite 1 von 1"
    text=$(pdftotext "$T/de.pdf" - | normalize)
    for want in "Responsibilities" "Page 1" "Career path" "reviewed"; do
        [[ $text != *"$want"* ]] || fail "the German job description still says '$want'"
    done
    ok "xml:lang=de: German headings, labels, footer 'Seite 1 von 1' and date '16. November 2026'"
    [ "$(pdf_info "$T/de.pdf" Title)" = "Plattformarchitektin – Stellenbeschreibung" ] ||
        fail "PDF title: $(pdf_info "$T/de.pdf" Title)"
    ok "the PDF title is German too"
}
case_run german-blueprint german_blueprint

french_option() {
    run jd --lang fr "$ROLE" -o "$T/fr.pdf"
    assert_quiet_success "jd --lang fr"
    pdf_has "$T/fr.pdf" "jd --lang fr" "Fiche de poste" "Responsabilités" \
        "Rattachement et collaborations" "Indicateurs clés de performance" \
        "Évolution de carrière" "Page 1 sur 3" "revu le 16 novembre 2026" "LE POSTE EN BREF" \
        "Promotion vers Lead Cloud Architect"
    ok "--lang fr: French headings, 'Page 1 sur 3', '16 novembre 2026'"
}
case_run french-option french_option

spanish_guide() {
    run guide --lang es "$ROLE" -o "$T/es.pdf"
    assert_quiet_success "guide --lang es"
    pdf_has "$T/es.pdf" "guide --lang es" "Guía de carrera" "Propósito y alcance" \
        "Matriz de competencias" "Cómo se mide el éxito" "Qué cambia en el siguiente nivel" \
        "Página 1 de" "revisado el 16 de noviembre de 2026" \
        "Referente (nivel 4 de 7 de la escala)"
    ok "--lang es: a Spanish career guide, '16 de noviembre de 2026', level names from the catalogue"
}
case_run spanish-guide spanish_guide

# german_book: the shipped roles' handbook --lang de in $T/hb.pdf,
# exported once for the cases that read it.
german_book() {
    [ ! -f "$T/hb.pdf" ] || return 0
    run handbook --lang de "$SRC/xml" -o "$T/hb.pdf"
    assert_quiet_success "handbook --lang de"
}

german_handbook() {
    local text
    german_book
    pdf_has "$T/hb.pdf" "handbook --lang de" "Inhalt" "Einführung" "Die Laufbahn im Überblick" \
        "KAPITEL 1" "Kompetenzverzeichnis" "Stufenvergleich nach Bereich" \
        "30 Rollen in 6 Bereichen" "Karriereleitfaden" "1 Infrastruktur und Plattform"
    text=$(pdftotext "$T/hb.pdf" - | normalize)
    [[ $text != *"Skills index"* ]] || fail "handbook --lang de still says 'Skills index'"
    pdf_outline "$T/hb.pdf" >"$T/outline"
    grep -qxP "1\tKompetenzverzeichnis" "$T/outline" || fail "no German bookmark: $(head -c 300 "$T/outline")"
    ok "handbook --lang de: German parts, chapters, index and bookmarks"
}
case_run german-handbook german_handbook

arabic_japanese_layout() {
    run jd --lang ar "$ROLE" -o "$T/ar.xml" --emit layout
    assert_quiet_success "jd --lang ar --emit layout"
    [ "$(xml_str "$T/ar.xml" '/document/@xml:lang')" = ar ] || fail "layout xml:lang is not ar"
    grep -q '<heading level="2" style="h2"[^>]*>المسؤوليات</heading>' "$T/ar.xml" ||
        fail "no Arabic 'Responsibilities' heading"
    grep -q 'الصفحة <page-number/> من <page-count/>' "$T/ar.xml" || fail "no Arabic page footer"
    grep -q '١٦ نوفمبر ٢٠٢٦' "$T/ar.xml" || fail "no Arabic date with Arabic-Indic digits"
    [ "$(xml_str "$T/ar.xml" '//section[1]/@numbering')" = arabic-indic ] ||
        fail "the Arabic document's pages are not numbered in Arabic-Indic digits"
    ok "--lang ar: Arabic headings, footer, the date and page numbers in Arabic-Indic digits"
    run jd --lang ar "$ROLE" -o "$T/ar.pdf"
    assert_quiet_success "jd --lang ar"
    pdftotext "$T/ar.pdf" - | grep 'الصفحة' >"$T/ar-footers"
    [ "$(wc -l <"$T/ar-footers")" -eq 3 ] || fail "not three Arabic footers: $(cat "$T/ar-footers")"
    ! grep -q '[0-9]' "$T/ar-footers" || fail "ASCII digits in the Arabic footer: $(cat "$T/ar-footers")"
    grep -q '٣' "$T/ar-footers" || fail "no Arabic-Indic page count: $(cat "$T/ar-footers")"
    ok "the Arabic PDF's footers number pages and the count in Arabic-Indic digits"

    run guide --lang ja "$ROLE" -o "$T/ja.xml" --emit layout
    assert_quiet_success "guide --lang ja --emit layout"
    [ "$(xml_str "$T/ja.xml" '/document/@xml:lang')" = ja ] || fail "layout xml:lang is not ja"
    grep -q '>職務内容</heading>' "$T/ja.xml" || fail "no Japanese 'Responsibilities' heading"
    grep -q '2026年11月16日' "$T/ja.xml" || fail "no Japanese date"
    grep -q '<page-number/> / <page-count/> ページ' "$T/ja.xml" || fail "no Japanese page footer"
    ok "--lang ja: Japanese headings, footer and date '2026年11月16日'"
}
case_run arabic-japanese-layout arabic_japanese_layout

arabic_batch_two_workers() {
    # An Arabic guide uses eleven faces; Cairo keeps ten open and closed one
    # a worker was reading for the other worker (a crash in most such runs
    # before the context kept its faces open).  Three runs of every shipped
    # role on two workers, each byte-identical to the run on one.
    run_env SOURCE_DATE_EPOCH=0 -- guide -j 1 --lang ar "$ROLES" -o "$T/ar-one"
    assert_quiet_success "guide -j 1 --lang ar"
    local i
    for i in 1 2 3; do
        run_env SOURCE_DATE_EPOCH=0 -- guide -j 2 --lang ar "$ROLES" -o "$T/ar-two-$i"
        assert_quiet_success "guide -j 2 --lang ar, run $i"
        diff -r "$T/ar-one" "$T/ar-two-$i" >/dev/null ||
            fail "the Arabic guides of run $i on two workers differ from those on one"
    done
    ok "Arabic guides of every role on two workers, three times: no crash, the bytes of one worker"
}
case_run arabic-batch-two-workers arabic_batch_two_workers

region_falls_to_language() {
    run jd --lang de-CH "$ROLE" -o "$T/ch.xml" --emit layout
    assert_quiet_success "jd --lang de-CH"
    [ "$(xml_str "$T/ch.xml" '/document/@xml:lang')" = de-CH ] || fail "layout xml:lang is not de-CH"
    grep -q '>Aufgaben<' "$T/ch.xml" || fail "de-CH did not read de.xml"
    sed 's/xml:lang="de"/xml:lang="de-CH"/' "$DE" >"$T/de-role.xml"
    run jd "$T/de-role.xml" -o "$T/ch2.xml" --emit layout
    assert_quiet_success "jd of a blueprint with xml:lang=de-CH"
    grep -q '>Aufgaben<' "$T/ch2.xml" || fail "xml:lang=de-CH did not read de.xml"
    ok "de-CH (option or xml:lang) reads de.xml, quietly, and stays de-CH in the layout"
    # --lang wins over a lang parameter, for the labels and the layout's language alike.
    run jd --lang de --param lang=fr "$ROLE" -o "$T/both.xml" --emit layout
    assert_quiet_success "jd --lang de --param lang=fr"
    [ "$(xml_str "$T/both.xml" '/document/@xml:lang')" = de ] ||
        fail "with --lang de and --param lang=fr the layout's xml:lang is not de"
    grep -q '>Aufgaben<' "$T/both.xml" || fail "--lang de did not read de.xml"
    ok "--lang wins over --param lang"
}
case_run region-falls-to-language region_falls_to_language

no_catalogue() {
    local line text
    sed 's/xml:lang="en"/xml:lang="sw"/' "$ROLE" >"$T/cloud-architect.xml"
    line=$(grep -n 'xml:lang="sw"' "$T/cloud-architect.xml" | cut -d: -f1)
    run jd "$T/cloud-architect.xml" -o "$T/sw.pdf"
    assert_rc 0 "jd of a blueprint with xml:lang=sw"
    assert_stderr_matches "^$(re_quote "$T/cloud-architect.xml"):$line:[0-9]+: warning: .*'sw'.*English"
    [ "$(wc -l <"$RUN_ERR")" -eq 1 ] || fail "expected one warning, got: $(cat "$RUN_ERR")"
    text=$(pdftotext "$T/sw.pdf" - | normalize)
    [[ $text == *"Responsibilities"* && $text == *"Page 1 of 3"* ]] ||
        fail "xml:lang=sw did not export English: $text"
    ok "xml:lang=sw: one warning at file:$line:col, English text"

    run jd --lang sw "$ROLE" -o "$T/sw2.pdf"
    assert_rc 0 "jd --lang sw"
    assert_stderr_matches "^rolepress: warning: --lang sw: .*English"
    assert_file "$T/sw2.pdf"
    ok "--lang sw: a warning naming the option, English text"

    run jd --stylesheet "$SRC/examples/custom-stylesheet/role-card.xsl" \
        "$T/cloud-architect.xml" -o "$T/card.pdf"
    assert_quiet_success "a stylesheet that reads no catalogue, xml:lang=sw"
    ok "no warning when the stylesheet prints no catalogue text"
}
case_run no-catalogue no_catalogue

bad_tag() {
    local tag
    for tag in de_DE "" "d" "de--CH" "123" "toolongtag" "de-" "é"; do
        run jd --lang "$tag" "$ROLE" -o "$T/bad.pdf"
        assert_rc 2 "jd --lang '$tag'"
        assert_stderr_contains "--lang takes a language tag"
        assert_no_file "$T/bad.pdf"
    done
    ok "--lang with a malformed tag is a usage error (exit 2), nothing written"
}
case_run bad-tag bad_tag

depfile() {
    run jd --lang de "$ROLE" -o "$T/d.pdf" --depfile "$T/d.d"
    assert_quiet_success "jd --lang de --depfile"
    grep -q "/xml/l10n/de.xml" "$T/d.d" || fail "the depfile does not list de.xml: $(cat "$T/d.d")"
    ! grep -Eq "/xml/l10n/(en|fr|es|ar|ja).xml" "$T/d.d" || fail "the depfile lists a catalogue not read"
    run jd "$ROLE" -o "$T/e.pdf" --depfile "$T/e.d"
    grep -q "/xml/l10n/en.xml" "$T/e.d" || fail "the depfile does not list en.xml"
    ok "the depfile lists the catalogue read (de.xml; en.xml by default) and no other"
}
case_run depfile depfile

missing_message() {
    grep -v 'key="jd.deliverables"' "$SRC/xml/l10n/de.xml" >"$T/partial.xml"
    run jd --param catalogue="$T/partial.xml" --allow-read "$T" --lang de "$ROLE" -o "$T/p.pdf"
    assert_rc 0 "jd with a catalogue missing jd.deliverables"
    assert_stderr_contains "jd.deliverables"
    text=$(pdftotext "$T/p.pdf" - | normalize)
    [[ $text == *"Key deliverables"* && $text == *"Aufgaben Direction and target state"* ]] ||
        fail "the missing message is not the English one: $text"
    [[ $text != *"jd.deliverables"* ]] || fail "the key was printed"
    ok "a message missing from a catalogue prints in English, with a warning naming the key"

    run jd --param catalogue="$T/none.xml" "$ROLE" -o "$T/none.pdf"
    assert_rc 1 "jd with a catalogue that does not exist"
    assert_stderr_contains "cannot read the message catalogue $T/none.xml"
    assert_no_file "$T/none.pdf"
    ok "a catalogue that cannot be read is an error, not a document of blanks"
}
case_run missing-message missing_message

# count_key KEY: the lines of the last run's stderr naming the message KEY.
count_key() {
    grep -c -- "has no \"$1\"" "$RUN_ERR" || true
}

missing_message_once() {
    local roles=("$ROLE" "$ROLES/lead-cloud-architect.xml" "$ROLES/data-architect.xml")
    # A job description prints jd.rank-of for every skill (a dozen times)
    # and category.technical for every technical skill.
    grep -v -e 'key="jd.rank-of"' -e 'key="category.technical"' "$SRC/xml/l10n/de.xml" \
        >"$T/partial.xml"
    run jd --param catalogue="$T/partial.xml" --allow-read "$T" --lang de "$ROLE" -o "$T/p.pdf"
    assert_rc 0 "jd with a catalogue missing jd.rank-of and category.technical"
    assert_eq "$(count_key jd.rank-of)" 1 "warnings about jd.rank-of"
    assert_eq "$(count_key category.technical)" 1 "warnings about category.technical"
    assert_eq "$(wc -l <"$RUN_ERR")" 2 "lines on standard error"
    ok "a message missing from a catalogue and printed many times is warned about once"

    run jd -j 3 --param catalogue="$T/partial.xml" --allow-read "$T" --lang de "${roles[@]}" \
        -o "$T/out/"
    assert_rc 0 "jd of three roles with the partial catalogue"
    assert_eq "$(find "$T/out" -name '*.pdf' | wc -l)" 3 "PDFs written"
    assert_eq "$(count_key jd.rank-of)" 1 "warnings about jd.rank-of in a batch"
    assert_eq "$(wc -l <"$RUN_ERR")" 2 "lines on standard error in a batch"
    ok "a batch of three documents warns once a key too"
}
case_run missing-message-once missing_message_once

# A user's ladder with a family the catalogues do not name: a German
# document prints the ladder's (English) name, and says so once a run;
# an English one prints it quietly.
unnamed_ladder_entry() {
    local set=$T/quantum
    mkdir -p "$set/roles"
    sed 's|^    <family id="security" |    <family id="quantum" name="Quantum Things">Qubits.</family>\n&|' \
        "$SRC/xml/ladders.xml" >"$set/ladders.xml"
    local r
    for r in cloud-architect lead-cloud-architect; do
        sed 's|<family>infrastructure-platform</family>|<family>quantum</family>|' "$ROLES/$r.xml" \
            >"$set/roles/$r.xml"
    done
    grep -q '<family>quantum</family>' "$set/roles/cloud-architect.xml" || fail "the role's family was not changed"
    run guide "$set/roles/cloud-architect.xml" -o "$T/q-en.pdf"
    assert_quiet_success "guide in English with a family the catalogues do not name"
    run guide -j 2 --lang de "$set/roles" -o "$T/q-de"
    assert_rc 0 "guide --lang de of two roles with a family the catalogues do not name"
    assert_eq "$(cat "$RUN_ERR")" "$SRC/xsl/career-guide.xsl: warning: rolepress: the message catalogue $SRC/xml/l10n/de.xml has no \"family.quantum\"; using the ladder's name, in the ladder's language (en)" \
        "the warning about the unnamed family"
    [[ $(pdftotext -enc UTF-8 "$T/q-de/cloud-architect.pdf" -) == *"Quantum Things"* ]] ||
        fail "the German guide does not print the ladder's name of the family"
    ok "a family the catalogue does not name: the ladder's name, with one warning for a batch"
}
case_run unnamed-ladder-entry unnamed_ladder_entry

# without_src FILE: the layout without the src attributes that only
# rolepress's blueprint loader stamps.
without_src() {
    sed 's/ src="[^"]*"//g' "$1"
}

by_hand_choice() {
    local tag
    command -v xsltproc >/dev/null || fail "xsltproc is not installed (README's install line has it)"
    for tag in de de-CH fr-CA ja sw; do
        run jd --lang "$tag" "$ROLE" -o "$T/r-$tag.xml" --emit layout
        assert_rc 0 "jd --lang $tag --emit layout"
        xsltproc --stringparam lang "$tag" "$SRC/xsl/job-description.xsl" "$ROLE" \
            >"$T/x-$tag.xml" 2>/dev/null || fail "xsltproc with lang=$tag failed"
        cmp -s <(without_src "$T/r-$tag.xml") <(without_src "$T/x-$tag.xml") ||
            fail "lang=$tag: the stylesheet run by hand chose another catalogue than rolepress"
    done
    run jd "$DE" -o "$T/r-own.xml" --emit layout
    xsltproc "$SRC/xsl/job-description.xsl" "$DE" >"$T/x-own.xml" 2>/dev/null ||
        fail "xsltproc of the German blueprint failed"
    cmp -s <(without_src "$T/r-own.xml") <(without_src "$T/x-own.xml") ||
        fail "xml:lang=de: the stylesheet run by hand chose another catalogue than rolepress"
    ok "run by hand, the stylesheet reads the catalogue rolepress chooses (de, de-CH, fr-CA, ja, sw, xml:lang)"
}
case_run by-hand-choice by_hand_choice

english_unchanged() {
    run_env SOURCE_DATE_EPOCH=1700000000 -- guide "$ROLE" -o "$T/default.pdf"
    assert_quiet_success "guide (default language)"
    run_env SOURCE_DATE_EPOCH=1700000000 -- guide --lang en "$ROLE" -o "$T/en.pdf"
    assert_quiet_success "guide --lang en"
    cmp -s "$T/default.pdf" "$T/en.pdf" || fail "--lang en differs from the blueprint's own en"
    run_env SOURCE_DATE_EPOCH=1700000000 -- guide --lang de "$ROLE" -o "$T/de.pdf"
    ! cmp -s "$T/default.pdf" "$T/de.pdf" || fail "--lang de changed nothing"
    ok "--lang en gives the bytes of the default; --lang de does not"
}
case_run english-unchanged english_unchanged

validate_catalogues() {
    local line
    run validate "$SRC/xml"
    assert_quiet_success "validate xml/ (with the shipped catalogues)"
    mkdir -p "$T/set/l10n"
    cp -r "$ROLES" "$T/set/roles"
    local de=$T/set/l10n/de.xml twice
    grep -v 'key="hb.page"' "$SRC/xml/l10n/de.xml" |
        sed -e 's|^  <msg key="hb.roles">|  <msg key="hb.rolez">Rollen</msg>\n&|' \
            -e 's|^  <msg key="list.sep">.*|&\n  <msg key="list.sep"> und </msg>|' >"$de"
    line=$(grep -n 'key="hb.rolez"' "$de" | cut -d: -f1)
    twice=$(grep -n 'key="list.sep"' "$de" | tail -n 1 | cut -d: -f1)
    run validate "$T/set"
    assert_rc 1 "validate with a broken catalogue"
    # each at the line and column of what it is about: the root element
    # lacks a message, a key is not en.xml's or given twice
    assert_eq "$(cat "$RUN_ERR")" "$de:4:1: error: no message 'hb.page': every catalogue has every message of en.xml
$de:$twice:8: error: message 'list.sep' is defined twice
$de:$line:8: error: message 'hb.rolez' is not one of en.xml's: no stylesheet prints it" \
        "the diagnostics of a catalogue lacking a message, with a key not en.xml's and one twice"
    ok "validate checks a catalogue among its inputs against en.xml's keys, at file:line:column"
    # Every catalogue is held to en.xml, read once a run: the second one
    # checked is held to all of it too.
    grep -v 'key="list.sep"' "$SRC/xml/l10n/fr.xml" >"$T/set/l10n/fr.xml"
    cp "$SRC/xml/l10n/es.xml" "$T/set/l10n/es.xml"
    run validate "$T/set"
    assert_rc 1 "validate with two broken catalogues"
    assert_stderr_matches "^$(re_quote "$de"):[0-9]+:[1-9][0-9]*: error: no message 'hb.page'"
    assert_stderr_matches "^$(re_quote "$T/set/l10n/fr.xml"):[0-9]+:[1-9][0-9]*: error: no message 'list.sep'"
    assert_eq "$(grep -c 'error:' "$RUN_ERR")" 4 "errors of validate"
    ok "validate checks each of several catalogues against en.xml"
}
case_run validate-catalogues validate_catalogues

diagram_alt() {
    local alt
    run guide --lang de "$ROLE" -o "$T/g.xml" --emit layout
    assert_quiet_success "guide --lang de --emit layout"
    alt=$(xml_str "$T/g.xml" '//diagram/@alt')
    [[ $alt == "Diagramm mit 4 Rollen. Cloud Architect führt zu Lead Cloud Architect. "* ]] ||
        fail "the career-path diagram's alt is not German: '$alt'"
    run guide "$ROLE" -o "$T/e.xml" --emit layout
    alt=$(xml_str "$T/e.xml" '//diagram/@alt')
    [[ $alt == "Diagram of 4 roles. Cloud Architect leads to Lead Cloud Architect. Cloud Architect can move across to "* ]] ||
        fail "the English alt is not the typesetter's wording: '$alt'"
    ok "a diagram's text alternative comes from the catalogue (German; English as before)"
}
case_run diagram-alt diagram_alt

# count FILE XPATH: how many nodes of the layout FILE match XPATH.
count() {
    xml_num "$1" "count($2)"
}

content_language() {
    local n
    # --lang de on an English blueprint: German labels around English
    # content, which the layout marks as English (the typesetter then
    # hyphenates and shapes it as English: scripts.sh text_language)
    run jd --lang de "$ROLE" -o "$T/jd.xml" --emit layout
    assert_quiet_success "jd --lang de --emit layout"
    assert_eq "$(xml_str "$T/jd.xml" '/document/@xml:lang')" de "the document's language"
    [[ $(xml_str "$T/jd.xml" "//para[@style='lead']/span[@xml:lang='en']") == "The Cloud Architect decides how"* ]] ||
        fail "the blueprint's summary is not marked English"
    n=$(count "$T/jd.xml" "//para[@style='body'][normalize-space()][not(.//span[@xml:lang='en'])]")
    assert_eq "$n" 0 "body paragraphs without an English span"
    n=$(count "$T/jd.xml" "//table//row/cell[@style='cell-strong'][not(span[@xml:lang='en'])]")
    assert_eq "$n" 0 "KPI names without an English span"
    n=$(count "$T/jd.xml" "//heading[@level='2'][.//@xml:lang]")
    assert_eq "$n" 0 "headings from the catalogue marked with a language"
    [[ $(xml_str "$T/jd.xml" "//heading[@level='2'][1]") == "Zweck der Rolle" ]] ||
        fail "the first section heading is not German"
    # the ladder's words are the ladder's (English) in a German guide
    run guide --lang de "$ROLE" -o "$T/g.xml" --emit layout
    assert_quiet_success "guide --lang de --emit layout"
    n=$(count "$T/g.xml" "//cell/span[@xml:lang='en'][.='Sets the technical direction of a domain across several teams.']")
    assert_eq "$n" 1 "the ladder's level description marked English"
    # in its own language nothing is marked
    run jd "$ROLE" -o "$T/en.xml" --emit layout
    assert_eq "$(count "$T/en.xml" '//*[@xml:lang]')" 1 "elements with xml:lang in an English job description"
    # a German handbook definition over English roles, without --lang:
    # the roles' prose is English, the definition's words are not marked
    mkdir -p "$T/hbset"
    cp -r "$ROLES" "$T/hbset/roles"
    sed 's/<handbook xml:lang="en">/<handbook xml:lang="de">/' "$SRC/xml/handbook.xml" >"$T/hbset/handbook.xml"
    run handbook "$T/hbset" -o "$T/hb.xml" --emit layout
    assert_quiet_success "handbook (German definition) --emit layout"
    assert_eq "$(xml_str "$T/hb.xml" '/document/@xml:lang')" de "the handbook's language"
    n=$(count "$T/hb.xml" "//para[@style='lead']/span[@xml:lang='en'][starts-with(., 'The Cloud Architect decides')]")
    assert_eq "$n" 1 "English role summaries in the German handbook"
    n=$(count "$T/hb.xml" "//section[@id='hb.introduction']/para[@style='lead' or @style='body']")
    [ "$n" -gt 1 ] || fail "the introduction has $n paragraphs"
    n=$(count "$T/hb.xml" "//section[@id='hb.introduction']/para[@style='lead' or @style='body'][.//@xml:lang]")
    assert_eq "$n" 0 "marked paragraphs of the definition's own introduction"
    ok "content in another language than the document's is marked with its xml:lang; labels and same-language text are not"
}
case_run content-language content_language

# langs [--no-text] PDF: its structure elements as "TYPE<TAB>LANG<TAB>TEXT"
# lines in $T/langs.txt (struct_langs.py; LANG "-" for none).
langs() {
    cached_read python3 "$E2E_DIR/struct_langs.py" "$@" >"$T/langs.txt" || fail "struct_langs.py $*"
}

# lang_of TYPE TEXT: the LANG of the element of TYPE whose text is TEXT
# (a prefix of it), from the last langs.
lang_of() {
    awk -F'\t' -v t="$1" -v x="$2" '$1 == t && index($3, x) == 1 { print $2; exit }' "$T/langs.txt"
}

content_language_pdf() {
    # the tagged PDF tells a screen reader which elements are in another
    # language than the document's (/Lang): a paragraph, a list body or a
    # table cell all of whose text is, and a passage of a paragraph that
    # mixes the two (a Span); never the catalogue's text
    run jd --lang de "$ROLE" -o "$T/de.pdf"
    assert_quiet_success "jd --lang de"
    langs "$T/de.pdf"
    assert_eq "$(lang_of P 'The Cloud Architect decides how')" en "/Lang of the summary"
    assert_eq "$(lang_of LBody 'Describe the target cloud estate')" en "/Lang of a responsibility"
    assert_eq "$(lang_of TD 'Lead Cloud Architect')" en "/Lang of the reports-to cell"
    assert_eq "$(lang_of TD 'Berichtet an')" - "/Lang of a label cell"
    assert_eq "$(lang_of H2 'Zweck der Rolle')" - "/Lang of a heading from the catalogue"
    assert_eq "$(lang_of P 'Berichtet an ; arbeitet')" - "/Lang of a paragraph of both languages"
    assert_eq "$(lang_of Span 'Lead Cloud Architect')" en "/Lang of the English passage of that paragraph"
    assert_eq "$(awk -F'\t' '$2 != "-" && $2 != "en"' "$T/langs.txt" | wc -l)" 0 "elements in a third language"
    run jd "$ROLE" -o "$T/en.pdf"
    langs "$T/en.pdf"
    assert_eq "$(awk -F'\t' '$2 != "-"' "$T/langs.txt" | wc -l)" 0 "elements with /Lang in an English job description"
    # a book drawn in parts (ROLEPRESS_PART_PAGES) numbers its elements
    # as one: the same elements get /Lang
    german_book
    langs --no-text "$T/hb.pdf"
    cp "$T/langs.txt" "$T/hb.langs"
    [ "$(grep -c $'\ten\t' "$T/hb.langs")" -gt 1000 ] || fail "few English elements in the German handbook"
    # the links of role titles inside German sentences: their own /Lang
    [ "$(grep -c $'^Link\ten\t' "$T/hb.langs")" -gt 100 ] || fail "few English links in the German handbook"
    run_env ROLEPRESS_PART_PAGES=3 -- handbook --lang de "$SRC/xml" -o "$T/hb3.pdf"
    assert_quiet_success "handbook --lang de, drawn in parts"
    langs --no-text "$T/hb3.pdf"
    cmp -s "$T/hb.langs" "$T/langs.txt" || fail "the parts change the languages: $(diff "$T/hb.langs" "$T/langs.txt" | head -5)"
    ok "elements in another language than the document's have /Lang (role-title links and passages of mixed paragraphs too); labels do not"
}
case_run content-language-pdf content_language_pdf
