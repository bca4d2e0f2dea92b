#!/bin/sh
# Copy the vendored front-end files (and their licences) from node_modules into the package's static folder.
# Run after `npm ci` in this directory; the copied files are committed so installing rasad needs no npm.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nm="$here/node_modules"
out="$here/../src/rasad/ui/static/vendor"
mkdir -p "$out/fonts" "$out/licenses"
cp "$nm/d3-array/dist/d3-array.min.js" "$out/"
cp "$nm/d3-geo/dist/d3-geo.min.js" "$out/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$out/"
cp "$nm/world-atlas/countries-110m.json" "$out/"
for w in 400 700; do
  cp "$nm/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-$w-normal.woff2" "$out/fonts/"
done
cp "$nm/d3-array/LICENSE" "$out/licenses/d3-array.LICENSE"
cp "$nm/d3-geo/LICENSE" "$out/licenses/d3-geo.LICENSE"
cp "$nm/topojson-client/LICENSE" "$out/licenses/topojson-client.LICENSE"
cp "$nm/world-atlas/LICENSE" "$out/licenses/world-atlas.LICENSE"
cp "$nm/@fontsource/noto-naskh-arabic/LICENSE" "$out/licenses/noto-naskh-arabic.OFL.LICENSE"
