#!/usr/bin/env bash
# Runs every check of lotse: go vet, staticcheck, govulncheck (offline database),
# the test suite on SQLite and on PostgreSQL, and the browser tests in Chromium.
# Installs PostgreSQL and Chromium with apt when they are missing, starts a
# throw-away PostgreSQL cluster and stops it again. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
export GOFLAGS=${GOFLAGS:--buildvcs=false}
# The toolchain go.mod pins (no known standard-library vulnerabilities); the Go
# command downloads it through the module proxy when the machine has an older one.
export GOTOOLCHAIN=$(sed -n 's/^toolchain //p' go.mod)
tools=$root/.tools/bin
mkdir -p "$tools"
export PATH=$tools:$PATH
step() { printf '\n== %s\n' "$*"; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "need root to apt-get install $*"; return 1; fi
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "prerequisites"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then echo "installing PostgreSQL"; apt_install postgresql; fi
if ! command -v chromium >/dev/null 2>&1; then echo "installing Chromium"; apt_install chromium; fi
if ! command -v java >/dev/null 2>&1; then echo "installing Java (Nu Html Checker)"; apt_install default-jre-headless; fi
if ! command -v node >/dev/null 2>&1; then echo "installing Node.js (axe-core)"; apt_install nodejs npm; fi
[ -x "$tools/staticcheck" ] || GOBIN=$tools go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
[ -x "$tools/govulncheck" ] || GOBIN=$tools go install golang.org/x/vuln/cmd/govulncheck@v1.9.0
[ -x "$tools/indexdb" ] || GOBIN=$tools go install golang.org/x/vulndb/cmd/indexdb@latest

step "PostgreSQL (throw-away cluster)"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/lotse-pg.XXXXXX)
PGPORT=${LOTSE_TEST_PGPORT:-55432}
while (exec 3<>/dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap cleanup EXIT
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'CREATE DATABASE lotse_test' >/dev/null
PGURL="postgres://postgres@127.0.0.1:$PGPORT/lotse_test?sslmode=disable"
echo "running on port $PGPORT"

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "not gofmt'ed:"; echo "$unformatted"; exit 1; fi

step "go mod tidy (direct dependencies are not // indirect, go.sum complete)"
if ! go mod tidy -diff; then echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; fi

step "go vet"
go vet ./...

step "staticcheck"
staticcheck ./...

step "govulncheck (offline database from golang.org/x/vulndb)"
vdb=$(go mod download -json golang.org/x/vulndb@latest | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
if [ ! -f "$root/.vulndb/index/db.json" ] || [ "$vdb" != "$(cat "$root/.vulndb/source" 2>/dev/null)" ]; then
  rm -rf "$root/.vulndb"; indexdb -vulns "$vdb/data/osv" -out "$root/.vulndb" >/dev/null; echo "$vdb" > "$root/.vulndb/source"
fi
govulncheck -db "file://$root/.vulndb" ./...

step "tests on SQLite (with browser tests)"
LOTSE_TEST_BROWSER=1 go test ./...

step "pages: valid HTML and WCAG 2.2 AA (Nu Html Checker, axe-core in Chromium)"
./scripts/pagecheck.sh

step "tests on PostgreSQL"
LOTSE_TEST_POSTGRES_URL=$PGURL go test ./...

step "calendar files: booking .ics parsed by ical.js"
./scripts/icscheck.sh

step "fuzzing (a short run of every fuzz target; the corpora also run as tests)"
fuzztime=${LOTSE_FUZZTIME:-5s}
# A real finding writes a reproducer under testdata/fuzz and fails at once.
# Go's engine can also fail without one when a starved worker misses the
# -fuzztime deadline (golang/go#51484, #56238): that run is repeated once
# with one worker, and fails the suite only if it fails again.
fuzz() {
  local name=$1 dir=$2 out
  shift 2
  if out=$(go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "$@" "./$dir" 2>&1); then
    return 0
  fi
  echo "$out"
  if grep -q 'Failing input written to' <<<"$out"; then
    return 1
  fi
  return 2
}
git grep -n '^func Fuzz' -- '*_test.go' | while IFS=: read -r file _ decl; do
  name=${decl#func }; name=${name%%(*}
  dir=$(dirname "$file")
  echo "$name ($dir)"
  rc=0
  fuzz "$name" "$dir" || rc=$?
  if [ "$rc" = 2 ]; then
    echo "  no failing input was written: the engine's deadline, not a finding; once more with one worker"
    fuzz "$name" "$dir" -parallel 1
  elif [ "$rc" != 0 ]; then
    exit 1
  fi
done

step "all checks passed"
