#!/bin/sh
# Installs the Debian packages that are missing, for one purpose:
#   run   the libraries Qt's xcb platform plugin loads to open a window on a real display
#         (without them Qt aborts with "Could not load the Qt platform plugin xcb");
#   test  those, plus PostgreSQL (the suite starts its own server), poppler (pdfsig, pdftotext,
#         pdftoppm check the PDFs independently) and Xvfb (one test starts the app on xcb).
# As root it installs them with apt-get; otherwise it prints the exact command and fails.
set -eu
purpose="${1:-test}"
display="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 \
libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 \
fonts-dejavu-core"
case "$purpose" in
  run) wanted="$display" ;;
  test) wanted="$display postgresql poppler-utils xvfb xauth" ;;
  *) echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
for pkg in $wanted; do
  have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages:$need"
  echo "Install them with: sudo apt-get install -y --no-install-recommends$need"
  exit 1
fi
echo "Installing Debian packages:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >/dev/null
