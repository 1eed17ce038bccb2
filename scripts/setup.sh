#!/usr/bin/env bash
# Installs what Parley needs on a Debian 12 machine: speech engines, a browser for
# the end-to-end tests, PostgreSQL for the pgvector store, and the npm packages.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  pocketsphinx pocketsphinx-en-us libpocketsphinx3  # offline speech-to-text
  espeak-ng flite                                   # offline text-to-speech
  sox                                               # test speech: noise, resampling
  chromium fonts-dejavu-core                        # browser end-to-end tests (and a font for screenshots)
  postgresql                                        # real-server run of the pgvector store tests (skipped without the extension)
  poppler-utils                                     # pdftotext: PDF knowledge files
  openssl                                           # self-signed certificates for the HTTPS/WSS tests
  rhvoice rhvoice-english                           # test speech in voices the suite does not otherwise use (non-free)
  libttspico-utils                                  # test speech: Pico en-US (non-free)
  prometheus                                        # the metrics test: a real Prometheus scrapes /metrics
)

# RHVoice and Pico live in Debian's contrib/non-free sections, which a bare machine does not list.
nonfree_sources=/etc/apt/sources.list.d/parley-nonfree.sources
if [ ! -f "$nonfree_sources" ]; then
  echo "setup: adding Debian contrib/non-free sources ($nonfree_sources)"
  sudo_tee=(tee)
  [ "$(id -u)" -eq 0 ] || sudo_tee=(sudo tee)
  "${sudo_tee[@]}" "$nonfree_sources" >/dev/null <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: contrib non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: contrib non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
fi

missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# onnxruntime-node's install script tries to download extra binaries; the CPU one ships in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi
