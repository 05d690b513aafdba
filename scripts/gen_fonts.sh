#!/usr/bin/env bash
# Makes the summary's embedded fonts (summary/fonts/*.ttf) from Noto Sans
# (SIL Open Font License 1.1, summary/fonts/OFL.txt): Latin, Greek and
# Cyrillic plus punctuation, no hinting, no ligatures (so copied and
# extracted text is the text written). Run by hand, not in CI:
#   apt-get install fonts-noto-core && pip install fonttools
#   bash scripts/gen_fonts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/truetype/noto
# Basic Latin, Latin-1, Latin Extended-A/B, IPA/spacing modifiers, combining
# marks, Greek, Cyrillic, Latin Extended Additional, general punctuation,
# super/subscripts, currency, letterlike, number forms, arrows, maths
# operators, geometric shapes, the replacement character.
unicodes="U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-214F,U+2150-218F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+FFFD"
for face in Regular Bold; do
  pyftsubset "$src/NotoSans-$face.ttf" \
    --unicodes="$unicodes" \
    --layout-features=kern,mark,mkmk,ccmp,locl \
    --no-hinting --desubroutinize \
    --name-IDs='*' --name-legacy --name-languages='*' \
    --output-file="summary/fonts/NotoSans-$face.ttf"
done
ls -l summary/fonts/*.ttf
