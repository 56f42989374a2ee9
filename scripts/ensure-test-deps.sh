#!/usr/bin/env bash
# Installs the system packages the test suite needs when they are missing.
set -euo pipefail

apt_install() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $* (Debian packages)…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Missing $*: install them with your package manager." >&2
    exit 1
  fi
}

have_pg() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

# PostgreSQL server binaries (initdb, pg_ctl) for the storage tests.
have_pg || apt_install postgresql

# Node.js and npm for the Telegram Bot API emulator (telegram-test-api, installed by the
# e2e fixture into .cache/).
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
