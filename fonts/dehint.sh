#!/bin/sh
# Reproduces fonts/noto/, fonts/noto-arabic/, fonts/noto-hebrew/ and
# fonts/dejavu/ from Debian's fonts-noto-core and fonts-dejavu-core, with
# the TrueType hinting taken out.
#
# Hinting is bytecode that fits outlines to a screen's pixel grid.  A PDF
# is printed, or drawn by viewers that scale the outlines themselves, and
# rolepress lays text out with unhinted metrics: the hints change nothing
# on the page, yet Cairo embeds them in every font subset of every PDF
# (the glyph programs, and the font program, control values and
# pre-program tables: about 4 KB a subset, twice per face).  Without
# them a job description is about a quarter smaller.  Outlines, metrics,
# character maps and OpenType layout tables are left as they are.
#
# Usage: fonts/dehint.sh [NOTO_DIR [DEJAVU_DIR]]
#   (default /usr/share/fonts/truetype/noto /usr/share/fonts/truetype/dejavu)
# Needs python3-fonttools; run by Debian's python3 (/usr/bin/python3).  The
# result is the same file byte for byte whenever it is run.
set -eu
noto=${1:-/usr/share/fonts/truetype/noto}
dejavu=${2:-/usr/share/fonts/truetype/dejavu}
here=$(cd "$(dirname "$0")" && pwd)
for dir in noto noto-arabic noto-hebrew dejavu; do
    case $dir in dejavu) src=$dejavu ;; *) src=$noto ;; esac
    for f in "$here/$dir"/*.ttf; do
        /usr/bin/python3 - "$src/$(basename "$f")" "$f" <<'PY'
import sys
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

src, dst = sys.argv[1], sys.argv[2]
# No new modification time: the same input gives the same bytes.
font = TTFont(src, recalcTimestamp=False)
for tag in ("fpgm", "prep", "cvt ", "cvar", "hdmx", "LTSH", "VDMX"):
    if tag in font:
        del font[tag]
glyf = font["glyf"]
for name in glyf.keys():
    glyph = glyf[name]
    if hasattr(glyph, "program"):
        glyph.program = ttProgram.Program()
        glyph.program.fromBytecode(b"")
maxp = font["maxp"]
maxp.maxZones = 1
for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions"):
    setattr(maxp, field, 0)
font.save(dst)
PY
        echo "$f"
    done
done
