#!/bin/sh
# cache-flood.sh BINARY: starts lotse on a fresh SQLite database, sends 1,000
# requests for a guide page each with its own 60,000-byte junk query parameter
# (issue 9, item 1) and prints the server's resident memory before and after.
set -eu
bin=${1:?usage: bench/cache-flood.sh path/to/lotse}
dir=$(mktemp -d)
port=${PORT:-18089}
LOTSE_ADDR=127.0.0.1:$port LOTSE_DATABASE_URL=$dir/lotse.db LOTSE_LOG_LEVEL=error "$bin" >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
url="http://127.0.0.1:$port/de/guides/residence"
curl -fs -o /dev/null "$url" # warm: first render, search index
sleep 5
rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
before=$(rss)
junk=$(head -c 60000 /dev/zero | tr '\0' a)
size=$(curl -s -o /dev/null -w '%{size_download}' "$url?x0=$junk")
i=1
while [ $i -le 1000 ]; do
	curl -s -o /dev/null "$url?x$i=$junk"
	i=$((i + 1))
done
sleep 2
after=$(rss)
echo "normal page $(curl -s -o /dev/null -w '%{size_download}' "$url") bytes, with a 60 kB junk query $size bytes"
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "RSS before $((before / 1024)) MB, after 1,000 requests $((after / 1024)) MB, growth $(((after - before) / 1024)) MB, peak $((peak / 1024)) MB"
