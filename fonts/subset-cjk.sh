#!/bin/sh
# Reproduces fonts/noto-cjk/ from Debian's fonts-noto-cjk package.
#
# Noto Sans CJK is about 20 MB a weight; rolepress ships the Japanese face
# cut down to what Japanese and Simplified Chinese role descriptions use:
#   - ASCII (the CJK face's own Latin, so mixed lines keep one design),
#   - CJK symbols and punctuation (U+3000-303F), hiragana and katakana
#     (U+3040-30FF, U+31F0-31FF), half-width and full-width forms
#     (U+FF00-FFEF), the katakana phonetic extensions and the CJK
#     compatibility forms for vertical punctuation (U+FE30-FE4F),
#   - every character of JIS X 0208 (6,879 characters: the kanji of levels
#     1 and 2 and the symbols of Japanese text) and of GB 2312 (7,445: the
#     hanzi of Simplified Chinese and its symbols), read from Python's own
#     codecs so that the list needs no table of its own.
# Usage: fonts/subset-cjk.sh [SOURCE_DIR]   (default /usr/share/fonts/opentype/noto)
# Needs python3-fonttools; run by Debian's python3 (/usr/bin/python3).
set -eu
src=${1:-/usr/share/fonts/opentype/noto}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/noto-cjk"
py=/usr/bin/python3
mkdir -p "$out"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
"$py" - "$list" <<'PY'
import sys
chars = set()
def decode_all(codec, lead, trail, prefix=b"", suffix=b""):
    for a in lead:
        for b in trail:
            try:
                s = (prefix + bytes([a, b]) + suffix).decode(codec)
            except UnicodeDecodeError:
                continue
            chars.update(c for c in s if ord(c) > 0x7F)
# JIS X 0208 through ISO-2022-JP (which holds exactly that set), GB 2312
# through EUC-CN.
decode_all("iso2022_jp", range(0x21, 0x7F), range(0x21, 0x7F), b"\x1b$B", b"\x1b(B")
decode_all("gb2312", range(0xA1, 0xFF), range(0xA1, 0xFF))
ranges = [(0x20, 0x7E), (0x3000, 0x303F), (0x3040, 0x30FF), (0x31F0, 0x31FF),
          (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)]
for lo, hi in ranges:
    chars.update(chr(c) for c in range(lo, hi + 1))
with open(sys.argv[1], "w") as f:
    for c in sorted(chars):
        f.write("U+%04X\n" % ord(c))
PY
for weight in Regular Bold; do
    # Face 0 of the collection is Noto Sans CJK JP: Japanese glyph forms.
    "$py" -m fontTools.subset "$src/NotoSansCJK-$weight.ttc" --font-number=0 \
        --unicodes-file="$list" --layout-features='*' --no-hinting \
        --name-IDs='*' --name-languages='*' --output-file="$out/NotoSansCJKjp-$weight.otf"
done
echo "$(wc -l < "$list") code points -> $out"
