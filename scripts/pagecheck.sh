#!/usr/bin/env bash
# Checks the public pages as a browser and an assistive technology would meet
# them: valid HTML (Nu Html Checker) and no WCAG 2.2 AA violations (axe-core in
# Debian's Chromium). Starts lotse with the demo county on a throw-away SQLite
# database. Run from the repository root; ./test.sh calls it.
set -euo pipefail
root=$PWD
npmdir=$root/.tools/npm
if [ ! -d "$npmdir/node_modules/vnu-jar" ] || [ ! -d "$npmdir/node_modules/axe-core" ] || [ ! -d "$npmdir/node_modules/playwright-core" ]; then
  mkdir -p "$npmdir"
  (cd "$npmdir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent vnu-jar@26.9.27 axe-core@4.14.1 playwright-core@1.65.1 >/dev/null)
fi
work=$(mktemp -d)
go build -o "$work/lotse" ./cmd/lotse
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
# Proof-of-work off, so that the script can book through the API: a booking's pages and the
# outbox page its e-mail fills.
(cd "$work" && LOTSE_ADDR=127.0.0.1:$port LOTSE_POW_DIFFICULTY=0 exec ./lotse >server.log 2>&1) &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
plan=$(curl -s -o /dev/null -w '%{redirect_url}' "$base/en/lotse/answers?citizenship_group=ukraine&residence_status=temporary_protection&arrival_stage=first_months&registered=false&housing=own_flat&children.6_9=1&benefits=none")
plan=${plan#"$base"}
# The booking's pages need a date, a hold and a booking: made through the API.
json() { python3 -c 'import json,sys; v=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
date_id=$(curl -s "$base/api/v1/onestop/dates" | json 'v[0]["id"]')
itinerary() { curl -s -H 'Content-Type: application/json' -d '{"agencies":["abh"]}' "$base/api/v1/onestop/dates/$date_id/proposals" | json "v['itineraries'][$1]['id']"; }
hold() { curl -s -H 'Content-Type: application/json' -d "{\"itinerary\":\"$(itinerary "$1")\"}" "$base/api/v1/holds" | json 'v["hold"]'; }
held=$(hold 0)
staff_held=$(hold 2)
booked=$(curl -s -H 'Content-Type: application/json' -d "{\"hold\":\"$(hold 1)\",\"name\":\"P. C.\",\"consent\":true}" "$base/api/v1/bookings" | json 'v["code"]+"?t="+v["token"]')
pages="/de/ /ar/ /fa/ /zh-Hans/ /de-x-simple/ /en/guides/ /uk/guides/residence /ar/guides/work-permit /ro/guides/childcare-school
/en/places/ /en/places/auslaenderamt /de/places/buergerbuero /de/places/dueren/buergerbuero /tr/imprint /fa/privacy
/en/lotse /ar/lotse ${plan} /uk${plan#/en} /en/onestop /de/lotse/rules /uk/guides/no-such-guide /uk/?saved=juelich /ar/lotse?saved=-
/uk/onestop/book?concern=work-permit /ar/onestop/book /ar/onestop/book/dates?concern=work-permit&date=$date_id /uk/onestop/book/dates?concern=work-permit&concern=kindergeld
/uk/onestop/book/contact?concern=work-permit&hold=$held /ar/onestop/bookings/$booked /uk/onestop/bookings/${booked/\?/\/cancel?} /fa/onestop/manage"
mkdir -p "$work/pages"
i=0
urls=()
for p in $pages; do
  i=$((i + 1))
  curl -s "$base$p" > "$work/pages/page$i.html"
  urls+=("$base$p")
done
# The staff area, signed in as an editor.
printf 'Rurtal Lerche 7 Brueckenbogen' > "$work/pw"
(cd "$work" && ./lotse user add --role editor --email pagecheck@example.org --password-file "$work/pw" >/dev/null)
curl -s -o /dev/null -c "$work/jar" --data-urlencode email=pagecheck@example.org --data-urlencode "password=$(cat "$work/pw")" "$base/staff/login"
cookie=$(awk '$6 == "lotse_staff" {print $6 "=" $7}' "$work/jar")
[ -n "$cookie" ] || { echo "pagecheck: staff sign-in failed"; exit 1; }
staff_urls=()
for p in /staff/ /staff/guides/ /staff/guides/residence/edit /staff/translations/ /staff/translations/uk/residence /staff/translations/ar/places/migrationsberatung /staff/places/ /staff/places/auslaenderamt /staff/places/migrationsberatung /staff/municipalities/ /staff/misses /staff/account /staff/guides/residence/de/history; do
  i=$((i + 1))
  code=$(curl -s -b "$work/jar" -o "$work/pages/page$i.html" -w '%{http_code}' "$base$p")
  [ "$code" = 200 ] || { echo "pagecheck: $p gives $code to a signed-in editor"; exit 1; }
  staff_urls+=("$base$p")
done
# The One-Stop-Shop and outbox pages, signed in as an admin, who first sets
# up the second factor (TOTP by RFC 6238 from the secret the account page shows).
(cd "$work" && ./lotse user add --role admin --email pagecheck-admin@example.org --password-file "$work/pw" >/dev/null)
curl -s -o /dev/null -c "$work/ajar" --data-urlencode email=pagecheck-admin@example.org --data-urlencode "password=$(cat "$work/pw")" "$base/staff/login"
secret=$(curl -s -b "$work/ajar" -c "$work/ajar" "$base/staff/account" | sed -n 's/.*<code class="secret">\([^<]*\)<.*/\1/p' | tr -d ' ')
totp=$(python3 -c 'import base64,hashlib,hmac,struct,sys,time
k = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$secret")
curl -s -o /dev/null -b "$work/ajar" -c "$work/ajar" --data-urlencode "code=$totp" "$base/staff/account/totp"
admin_cookie=$(awk '$6 == "lotse_staff" {print $6 "=" $7}' "$work/ajar")
# A booking with an e-mail address puts its confirmation into the outbox.
agency=$(curl -s "$base/api/v1/onestop/dates" | json 'v[0]["agencies"][0]["id"]')
itinerary=$(curl -s -H 'Content-Type: application/json' -d "{\"agencies\":[\"$agency\"]}" "$base/api/v1/onestop/dates/$date_id/proposals" | json 'v["itineraries"][0]["id"]')
hold=$(curl -s -H 'Content-Type: application/json' -d "{\"itinerary\":\"$itinerary\"}" "$base/api/v1/holds" | json 'v["hold"]')
curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"hold\":\"$hold\",\"name\":\"P C\",\"email\":\"pagecheck@example.org\",\"consent\":true}" "$base/api/v1/bookings"
for _ in $(seq 1 50); do message=$(curl -s -b "$work/ajar" "$base/staff/outbox" | sed -n 's|.*href="\(/staff/outbox/[^"]*\)".*|\1|p' | head -1); [ -n "$message" ] && break; sleep 0.1; done
[ -n "$message" ] || { echo "pagecheck: no message in the outbox"; exit 1; }
admin_urls=()
for p in /staff/ /staff/onestop/ "/staff/onestop/$date_id" "/staff/onestop/$date_id/cancel" /staff/onestop/template /staff/outbox "$message"; do
  i=$((i + 1))
  code=$(curl -s -b "$work/ajar" -o "$work/pages/page$i.html" -w '%{http_code}' "$base$p")
  [ "$code" = 200 ] || { echo "pagecheck: $p gives $code to a signed-in admin"; exit 1; }
  admin_urls+=("$base$p")
done
# Forms shown again with problems (HTML only: axe opens pages by URL).
i=$((i + 1))
code=$(curl -s -b "$work/ajar" -o "$work/pages/page$i.html" -w '%{http_code}' --data 'date=2020-01-01&start=9&end=12:00&roster=template' "$base/staff/onestop/")
[ "$code" = 422 ] || { echo "pagecheck: a bad date gives $code, want 422"; exit 1; }
i=$((i + 1))
code=$(curl -s -b "$work/ajar" -o "$work/pages/page$i.html" -w '%{http_code}' --data 'a0.present=1&a0.desks=x&a0.s0.id=a&a0.s0.minutes=10&i0.lang=uk&i0.count=1&i0.from=&i0.to=' "$base/staff/onestop/$date_id")
[ "$code" = 422 ] || { echo "pagecheck: a bad roster gives $code, want 422"; exit 1; }
# Booking for a visitor, signed in as reception: the choices, the dates
# and itineraries, the contact page of a hold, and the result with the slip
# in Arabic (the answer to a POST, saved, and shown to axe at its URL).
(cd "$work" && ./lotse user add --role reception --email pagecheck-reception@example.org --password-file "$work/pw" >/dev/null)
curl -s -o /dev/null -c "$work/jar2" --data-urlencode email=pagecheck-reception@example.org --data-urlencode "password=$(cat "$work/pw")" "$base/staff/login"
reception=$(awk '$6 == "lotse_staff" {print $6 "=" $7}' "$work/jar2")
[ -n "$reception" ] || { echo "pagecheck: reception sign-in failed"; exit 1; }
book_urls=()
for p in /staff/ /staff/bookings/new "/staff/bookings/new?show=1&concern=work-permit&visitor=ar&language=ar" "/staff/bookings/new/contact?concern=work-permit&visitor=ar&hold=$staff_held"; do
  i=$((i + 1))
  code=$(curl -s -b "$work/jar2" -o "$work/pages/page$i.html" -w '%{http_code}' "$base$p")
  [ "$code" = 200 ] || { echo "pagecheck: $p gives $code to a signed-in reception account"; exit 1; }
  book_urls+=("$base$p")
done
i=$((i + 1))
code=$(curl -s -b "$work/jar2" -o "$work/pages/page$i.html" -w '%{http_code}' --data-urlencode hold="$staff_held" --data-urlencode concern=work-permit \
  --data-urlencode visitor=ar --data-urlencode name="P. C." --data-urlencode consent=1 --data-urlencode key=pagecheck "$base/staff/bookings/new/confirm")
[ "$code" = 200 ] || { echo "pagecheck: booking for a visitor gives $code"; exit 1; }
book_urls+=("$base/staff/bookings/new/confirm|$work/pages/page$i.html")
# The One-Stop-Shop day: a practice date today (made through the API with an
# admin token), a walk-in ticket, reception's pages and a desk of the
# Ausländeramt, each signed in as that role.
admin_token=$(cd "$work" && ./lotse token add --role admin --name pagecheck | tail -n 1)
reception_token=$(cd "$work" && ./lotse token add --role reception --name pagecheck | tail -n 1)
today=$(TZ=Europe/Berlin date +%F)
roster=$(python3 -c 'import json; r=json.load(open("demo/kreis-dueren/county.json"))["onestop"]["roster"]; print(json.dumps({"roster": r["agencies"], "interpreters": r.get("interpreters", [])}))')
floor_id=$(curl -s -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d "{\"date\":\"$today\",\"start\":\"00:00\",\"end\":\"23:59\",\"practice\":true,${roster#\{}" "$base/api/v1/onestop/dates" | json 'v["id"]')
slip=$(curl -s -H "Authorization: Bearer $reception_token" -H 'Content-Type: application/json' \
  -d '{"agencies":["abh"],"language":"ar"}' "$base/api/v1/floor/$floor_id/tickets" | json '"/tickets/"+v["ticket"].replace(" ","")+"/slip?t="+v["token"]')
for role in reception agency; do
  extra=; [ $role = agency ] && extra="--agency abh"
  (cd "$work" && ./lotse user add --role $role $extra --email pagecheck-floor-$role@example.org --password-file "$work/pw" >/dev/null)
  curl -s -o /dev/null -c "$work/jar-$role" --data-urlencode email=pagecheck-floor-$role@example.org --data-urlencode "password=$(cat "$work/pw")" "$base/staff/login"
done
declare -A floor_pages=([reception]="/staff/floor/ /staff/floor/$floor_id /staff/floor/$floor_id$slip" [agency]="/staff/floor/$floor_id/desks/abh/1")
declare -A floor_urls=()
for role in reception agency; do
  for p in ${floor_pages[$role]}; do
    i=$((i + 1))
    code=$(curl -s -b "$work/jar-$role" -o "$work/pages/page$i.html" -w '%{http_code}' "$base$p")
    [ "$code" = 200 ] || { echo "pagecheck: $p gives $code to a signed-in $role"; exit 1; }
    floor_urls[$role]+="$base$p "
  done
done

echo "Nu Html Checker on $i pages"
java -jar "$npmdir/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu --skip-non-html "$work/pages/"
echo "axe-core (WCAG 2.2 AA) on $i pages"
node scripts/axe-check.js "${urls[@]}"
LOTSE_COOKIE=$cookie node scripts/axe-check.js "${staff_urls[@]}"
LOTSE_COOKIE=$admin_cookie node scripts/axe-check.js "${admin_urls[@]}"
LOTSE_COOKIE=$reception node scripts/axe-check.js "${book_urls[@]}"
for role in reception agency; do
  # shellcheck disable=SC2086
  LOTSE_COOKIE=$(awk '$6 == "lotse_staff" {print $6 "=" $7}' "$work/jar-$role") node scripts/axe-check.js ${floor_urls[$role]}
done
