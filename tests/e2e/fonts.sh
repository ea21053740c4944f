#!/usr/bin/env bash
# fonts.sh - only the bundled fonts are used, and all of them are embedded.
#
# For three shipped roles, A4 and Letter: pdffonts lists at least one font,
# every font has emb=yes, and every font name (after the XXXXXX+ subset
# tag) is a bundled one: it starts with Noto or DejaVu and is the name of
# a font file in fonts/.  A stylesheet that asks for fonts that are not
# bundled (some installed on the machine) still gets only bundled fonts.
# Then the font cache, the system's fontconfig configuration (never read)
# and damaged bundled fonts (an error naming the file).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
e2e_init "$@"

for id in cloud-architect lead-cloud-architect chief-architect; do
    for paper in a4 letter; do
        pdf="$T/$id-$paper.pdf"
        run jd --paper "$paper" "$ROLES/$id.xml" -o "$pdf"
        assert_quiet_success "jd --paper $paper $id.xml"
        assert_pdf "$pdf"
        assert_bundled_fonts "$pdf" "$id ($paper)"
    done
done

pdf="$T/foreign.pdf"
run jd --stylesheet "$FIX/foreign-fonts.xsl" "$ROLES/cloud-architect.xml" -o "$pdf"
assert_rc 0 "jd with a stylesheet asking for unbundled fonts"
assert_pdf "$pdf"
assert_bundled_fonts "$pdf" "stylesheet asking for unbundled fonts"

# The embedded fonts carry no TrueType hinting (fonts/dehint.sh): no font
# program, control values or pre-program in any font file of a PDF, and
# no instructions in its glyphs.  They are a quarter of a job
# description's bytes otherwise, and change nothing on the page.
pdf="$T/cloud-architect-a4.pdf"
python3 - "$pdf" <<'PY' || fail "a font embedded in $pdf carries hinting"
import re, struct, sys, zlib
data = open(sys.argv[1], "rb").read()
fonts = 0
for m in re.finditer(rb"/Length1 \d+.*?>>\s*stream\r?\n", data, re.S):
    end = data.index(b"endstream", m.end())
    body = zlib.decompressobj().decompress(data[m.end():end])
    ntables = struct.unpack(">H", body[4:6])[0]
    tables = {}
    for i in range(ntables):
        tag, _, offset, size = struct.unpack(">4sIII", body[12 + 16 * i:28 + 16 * i])
        tables[tag] = (offset, size)
    hints = [t.decode() for t in (b"fpgm", b"prep", b"cvt ") if t in tables]
    if hints:
        sys.exit("a font file has %s" % ", ".join(hints))
    # Each simple glyph: its instruction length after the end points.
    loca_format = struct.unpack(">h", body[tables[b"head"][0] + 50:tables[b"head"][0] + 52])[0]
    nglyphs = struct.unpack(">H", body[tables[b"maxp"][0] + 4:tables[b"maxp"][0] + 6])[0]
    loca, glyf = tables[b"loca"][0], tables[b"glyf"][0]
    for g in range(nglyphs):
        if loca_format:
            start, end = struct.unpack(">II", body[loca + 4 * g:loca + 4 * g + 8])
        else:
            start, end = (2 * v for v in struct.unpack(">HH", body[loca + 2 * g:loca + 2 * g + 4]))
        if end - start < 10:
            continue
        contours = struct.unpack(">h", body[glyf + start:glyf + start + 2])[0]
        if contours > 0:
            at = glyf + start + 10 + 2 * contours
            if struct.unpack(">H", body[at:at + 2])[0]:
                sys.exit("glyph %d has instructions" % g)
    fonts += 1
if not fonts:
    sys.exit("no TrueType font file found in the PDF")
print(fonts, "font files, none hinted")
PY
ok "the fonts embedded in a job description carry no hinting"

# Fontconfig's cache of the bundled fonts.  Two workers starting on a new
# machine both make the user's cache directory; fontconfig's own mkdir
# lost that race about two runs in three and printed "Fontconfig error: No
# writable cache directories".  Where no cache can be written (a read-only
# or unset HOME in a CI container) it printed that line for every font
# directory and worker.  Neither is one of rolepress's diagnostics, and
# either breaks --diagnostics=json.
export SOURCE_DATE_EPOCH=0
two="$ROLES/cloud-architect.xml $ROLES/chief-architect.xml"
for i in 1 2 3 4 5 6; do
    # shellcheck disable=SC2086 # two paths
    XDG_CACHE_HOME="$T/cache$i" run jd -j 2 $two -o "$T/new$i"
    assert_quiet_success "jd -j 2 with a new font cache (run $i)"
    ls "$T/cache$i/fontconfig/"*.cache-* >/dev/null 2>&1 || fail "no font cache written in $T/cache$i"
    [ -f "$T/cache$i/fontconfig/CACHEDIR.TAG" ] || fail "the new font cache has no CACHEDIR.TAG"
done
ok "a new font cache made by two workers at once: no message, cache written"

: >"$T/not-a-dir"
# shellcheck disable=SC2086
XDG_CACHE_HOME="$T/not-a-dir/cache" HOME="$T/not-a-dir" run jd -j 2 $two -o "$T/nocache"
assert_quiet_success "jd -j 2 with no writable font cache"
# shellcheck disable=SC2086
env -u HOME -u XDG_CACHE_HOME "$ROLEPRESS" jd -j 2 $two -o "$T/nohome" >"$T/nohome.out" 2>&1 \
    || fail "jd with HOME unset exits $?: $(cat "$T/nohome.out")"
[ -s "$T/nohome.out" ] && fail "jd with HOME unset printed: $(cat "$T/nohome.out")"
for id in cloud-architect chief-architect; do
    cmp -s "$T/new1/$id.pdf" "$T/nocache/$id.pdf" || fail "$id.pdf differs when read without a font cache"
    cmp -s "$T/new1/$id.pdf" "$T/nohome/$id.pdf" || fail "$id.pdf differs with HOME unset"
done
ok "no writable font cache, or none at all: no message, the same bytes"

# The system's fontconfig configuration is never read: Pango would load
# it (FcInit) beside the bundled fonts' own configuration, and print a
# broken file's errors on standard error, among rolepress's diagnostics.
cat >"$T/broken.conf" <<'CONF'
<?xml version="1.0"?>
<fontconfig><match><unknown-element/></match>
CONF
# shellcheck disable=SC2086
FONTCONFIG_FILE="$T/broken.conf" run jd -j 2 $two -o "$T/broken"
assert_quiet_success "jd -j 2 with a broken system fontconfig file"
for id in cloud-architect chief-architect; do
    cmp -s "$T/new1/$id.pdf" "$T/broken/$id.pdf" || fail "$id.pdf differs with a broken system fontconfig file"
done
ok "a broken system fontconfig file: not read, no message, the same bytes"

# A damaged bundled font is an error naming the file, not a silent change
# of face: fontconfig reads a truncated file without a word, and with its
# name table cut off the face is known by the file's name, so "Noto
# Serif" text was set in DejaVu Serif.  A data directory whose fonts are
# links to the real ones, but for one file.
damaged_font() { # NAME CONTENT-COMMAND EXPECTED-MESSAGE-ERE
    local data="$T/data-$1" font
    mkdir -p "$data"
    ln -s "$SRC/xml" "$SRC/xsl" "$data/"
    cp -rs "$SRC/fonts" "$data/fonts"
    font="$data/fonts/noto/NotoSerif-Regular.ttf"
    rm "$font"
    eval "$2" >"$font"
    ROLEPRESS_DATADIR="$data" XDG_CACHE_HOME="$T/cache-$1" run jd "$ROLES/cloud-architect.xml" -o "$T/$1.pdf"
    assert_rc 1 "jd with a damaged font ($1)"
    assert_stderr_matches "^$font: error: $3" "the diagnostic for a damaged font ($1)"
    [ "$(wc -l <"$RUN_ERR")" -eq 1 ] || fail "a damaged font ($1) gave more than one line: $(cat "$RUN_ERR")"
    [ ! -e "$T/$1.pdf" ] || fail "a PDF was written with a damaged font ($1)"
}
real="$SRC/fonts/noto/NotoSerif-Regular.ttf"
damaged_font truncated "head -c $(($(stat -c %s "$real") * 2 / 3)) '$real'" \
    "damaged font: its '[^']*' table ends at byte [0-9]+, past the end of the file \([0-9]+ bytes\): the file is truncated"
damaged_font text "echo 'not a font at all'" "not a TrueType or OpenType font"
damaged_font no-tables "printf '\\000\\001\\000\\000\\000\\000\\000\\000\\000\\000\\000\\000'" \
    "not a usable font: fontconfig cannot read it"
# Cut inside its table directory: the header and half a table's record.
damaged_font directory "head -c 20 '$real'" "damaged font: its table directory is cut short$"
damaged_font header "head -c 8 '$real'" "damaged font: shorter than a font's header$"
# A collection of one font whose table directory would be at byte 256.
damaged_font collection "printf 'ttcf\\000\\001\\000\\000\\000\\000\\000\\001\\000\\000\\001\\000'" \
    "damaged font: its table directory is cut short$"
ok "a truncated font, a text file, a font without tables, fonts cut in their header or table directory and a collection pointing past its end among the bundled fonts: one error naming the file, no PDF"

# A data directory put together from links, whose fonts directory also
# holds a link back up to itself: each directory is read once.  The walk
# used to follow the link forty levels deep, and report every font at the
# bottom as one fontconfig had not taken; and the stylesheet's read of the
# linked xml/ladders.xml was refused as outside the data directory.
data="$T/data-links"
mkdir -p "$data"
ln -s "$SRC/xml" "$SRC/xsl" "$data/"
cp -rs "$SRC/fonts" "$data/fonts"
ln -s . "$data/fonts/all"
ln -s ../noto "$data/fonts/noto-arabic/noto-again"
for cache in "$T/cache-links" "$T/not-a-dir/cache"; do
    # shellcheck disable=SC2086
    ROLEPRESS_DATADIR="$data" XDG_CACHE_HOME="$cache" run jd -j 2 $two -o "$T/links"
    assert_quiet_success "jd with linked data and a fonts directory linking back to itself ($cache)"
    for id in cloud-architect chief-architect; do
        cmp -s "$T/new1/$id.pdf" "$T/links/$id.pdf" || fail "$id.pdf differs with linked data ($cache)"
    done
done
ok "a data directory of links, fonts linking back up: quiet, the same bytes, with and without a font cache"
