#!/usr/bin/env bash
# The browser tests drive Debian's Chromium headless. Install it when it is missing;
# where that is impossible (not root, no sudo), stop with what to do instead.
# Chinese debrief pages also need a font with Chinese glyphs (WenQuanYi Micro Hei, small).
set -euo pipefail
packages=()
if [ -z "${ROLEPLAY_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    packages+=(chromium)
fi
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    packages+=(fonts-wqy-microhei)
fi
if [ ${#packages[@]} -eq 0 ]; then
    exit 0
fi
echo "roleplay: installing ${packages[*]} for the browser tests (once)…"
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
elif [[ " ${packages[*]} " != *" chromium "* ]]; then
    echo "roleplay: warning: no font with Chinese glyphs; Chinese screenshots show boxes (apt-get install fonts-wqy-microhei)" >&2
    exit 0
else
    echo "roleplay: the browser tests need Chromium: install it (apt-get install chromium)" >&2
    echo "          or set ROLEPLAY_CHROMIUM to a Chromium binary, then run make test again." >&2
    exit 1
fi
