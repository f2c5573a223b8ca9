#!/bin/sh
# Installs the Debian packages the test suite needs when they are missing:
# PostgreSQL (the suite starts its own server), poppler (pdfsig, pdftotext, pdftoppm check
# the PDFs independently) and the shared libraries Qt needs even when drawing offscreen.
set -eu
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for pkg in postgresql poppler-utils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 \
           libglib2.0-0 fonts-dejavu-core; do
  have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages:$need"
  echo "Install them with: sudo apt-get install$need"
  exit 1
fi
echo "Installing Debian packages:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >/dev/null
