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
  postgresql                                        # records in PostgreSQL (test/cluster) and the pgvector store tests
  redis-server                                      # cluster: worker registry and dispatch (npm run cluster, test/cluster)
  poppler-utils                                     # pdftotext: PDF knowledge files
  openssl                                           # self-signed certificates for the HTTPS/WSS tests
  rhvoice rhvoice-english                           # offline TTS, best English voices; also test speech (non-free section, LGPL voices)
  libttspico-utils                                  # offline TTS: SVOX Pico, the Spanish voice; Pico en-US test speech (non-free section)
  libspeexdsp1                                      # server-side echo cancellation (speex AEC + residual echo suppression, via koffi)
  sip-tester baresip                                # phone tests: SIPp and a real softphone dial the SIP endpoint
  kamailio                                          # phone tests: a real SIP registrar/proxy for REGISTER with digest auth (its service is disabled below)
  asterisk-core-sounds-en-wav asterisk-core-sounds-es-wav  # real human telephone prompts (8 kHz) for the phone path
  prometheus                                        # the metrics test: a real Prometheus scrapes /metrics
)

# RHVoice and Pico live in Debian's contrib/non-free components; bookworm machines list
# only `main`. Add them in a sources file of our own (never edit the system's), once.
nonfree_sources=/etc/apt/sources.list.d/parley-nonfree.sources
write_nonfree_sources() {
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  cat <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: contrib non-free
Signed-By: $keyring

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: contrib non-free
Signed-By: $keyring
SOURCES
}

missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  if [ ! -e "$nonfree_sources" ]; then
    echo "setup: enabling Debian contrib/non-free in $nonfree_sources"
    write_nonfree_sources | "${sudo_cmd[@]}" tee "$nonfree_sources" >/dev/null
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Kamailio is only a test peer (the tests start their own): its Debian service would take
  # port 5060 from Parley's SIP endpoint on machines that run systemd.
  if [[ " ${missing[*]} " == *" kamailio "* ]] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    "${sudo_cmd[@]}" systemctl disable --now kamailio
  fi
fi

# onnxruntime-node's install script tries to download extra binaries; the CPU one ships in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi
