#!/bin/sh
# calc.sh - `pacta calc`: outputs and exit statuses (TAP).
: "${PACTA:?PACTA must name the pacta binary}"
: "${top_srcdir:=.}"
data="$top_srcdir/tests/data/calc"
n=0
failed=0

# check NAME WANT_STATUS WANT_STDOUT ARGS...: run pacta calc ARGS.
check() {
    name=$1 want_rc=$2 want_out=$3
    shift 3
    n=$((n + 1))
    out=$("$PACTA" calc "$@" 2>"$tmp_err")
    rc=$?
    if [ "$rc" = "$want_rc" ] && { [ "$want_out" = "*" ] || [ "$out" = "$want_out" ]; }; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        echo "#   args: $*"
        echo "#   got status $rc, output: $out"
        echo "#   want status $want_rc, output: $want_out"
        sed 's/^/#   stderr: /' "$tmp_err"
        failed=$((failed + 1))
    fi
}

# err_like NAME PATTERN: the last stderr is one "pacta: ..." line matching PATTERN.
err_like() {
    n=$((n + 1))
    if [ "$(wc -l <"$tmp_err")" -eq 1 ] && grep -q "^pacta: .*$2" "$tmp_err"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"
        sed 's/^/#   stderr: /' "$tmp_err"
        failed=$((failed + 1))
    fi
}

tmp_err=$(mktemp) || exit 99
trap 'rm -f "$tmp_err"' EXIT

# The published figures.
check "99.9 % over 30 days in words" 0 "43 min 12 s" downtime 99.9 30d --lang en
check "99.9 % over 30 days in seconds" 0 "2592.0" downtime 99.9 30d --seconds
check "99.9 % over a 30d month" 0 "2592.0" downtime 99.9 1M --month 30d --seconds
check "99.9 % over a 365-day year" 0 "8 h 45 min 36 s" downtime 99.9 1Y --lang en
check "99.5 % over a calendar month: a range" 0 "between 3 h 21 min 36 s and 3 h 43 min 12 s" \
    downtime 99.5 1M --lang en
check "99.5 % over a calendar month in seconds" 0 "12096.0 13392.0" downtime 99.5 1M --seconds
check "--days-in-month 31" 0 "3 h 43 min 12 s" downtime 99.5 1M --days-in-month 31 --lang en
check "leap February 2028" 0 "2505.6" downtime 99.9 1M --start 2028-02-01 --seconds
check "mean month" 0 "2629.7" downtime 99.9 1M --month mean --seconds
check "business week mon-fri 09:00-18:00" 0 "810.0" downtime 99.5 1w --hours mon-fri,09:00-18:00 --seconds
check "a holiday inside a concrete week" 0 "648.0" \
    downtime 99.5 1w --hours mon-fri,09:00-18:00 --start 2026-12-07 --holiday 2026-12-08 --seconds
check "three days across a weekend" 0 "162.0" \
    downtime 99.5 3d --hours mon-fri,09:00-18:00 --start 2026-11-27 --seconds

check "4 business hours from Friday 16:30" 0 "2026-11-30T11:30" \
    due 2026-11-27T16:30 4h --hours mon-fri,09:00-18:00
check "a Monday holiday moves it to Tuesday" 0 "2026-12-01T11:30" \
    due 2026-11-27T16:30 4h --hours mon-fri,09:00-18:00 --holiday 2026-11-30
check "options before arguments" 0 "2026-11-30T09:30" \
    due --hours mon-fri,09:00-18:00 2026-11-28T10:00 30m

check "credit with the 25 % tier" 0 "22.50 EUR" credit "$data/credit.sla.yaml" SL1 98.7
check "credit with the cap biting" 0 "45.00 EUR" credit "$data/credit.sla.yaml" SL1 85
check "no credit above every tier" 0 "0.00 EUR" credit "$data/credit.sla.yaml" SL1 99.9
check "credit in the agreement's words" 0 "22,50 €" credit "$data/credit.sla.yaml" SL1 98.7 --words

check "help" 0 "*" --help

# Refusals: usage errors exit 64 with one line naming what is wrong.
check "no calculation" 64 "" 
err_like "no calculation: says what is missing" "downtime, due or credit"
check "unknown calculation" 64 "" uptime 99.9 1M
err_like "unknown calculation named" "uptime"
check "bad window 3x" 64 "" downtime 99.9 3x
err_like "bad window named" '"3x"'
check "target above 100" 64 "" downtime 100.5 1M
err_like "bad target named" '"100.5"'
check "target with a comma" 64 "" downtime 99,9 1M
check "missing window" 64 "" downtime 99.9
err_like "missing arguments said" "missing arguments"
check "extra argument" 64 "" downtime 99.9 1M 2M
err_like "extra argument named" '"2M"'
check "bad --month" 64 "" downtime 99.9 1M --month 31d
err_like "bad --month named" '"31d"'
check "bad --days-in-month" 64 "" downtime 99.9 1M --days-in-month 32
check "bad --hours" 64 "" downtime 99.9 1M --hours mon-fri,09:00-25:00
err_like "bad --hours named" "09:00-25:00"
check "bad holiday 2027-02-29" 64 "" due 2027-02-26T10:00 4h --hours mon-fri,09:00-18:00 --holiday 2027-02-29
err_like "bad holiday named" "2027-02-29"
check "holiday without a concrete period" 64 "" downtime 99.9 1M --hours mon-fri,09:00-18:00 --holiday 2026-12-08
check "unknown option" 64 "" downtime 99.9 1M --frobnicate
err_like "unknown option named" "frobnicate"
check "option without its value" 64 "" downtime 99.9 1M --month
check "due at 25:00" 64 "" due 2026-11-27T25:00 4h --hours mon-fri,09:00-18:00
check "due without hours" 64 "" due 2026-11-27T16:30 4h
check "due over a month" 64 "" due 2026-11-27T16:30 1M --hours mon-fri,09:00-18:00
check "credit: measured 98,7" 64 "" credit "$data/credit.sla.yaml" SL1 98,7
check "credit: missing file" 65 "" credit "$data/no-such.sla.yaml" SL1 98.7
err_like "credit: missing file named" "no-such.sla.yaml"
check "credit: unknown level" 65 "" credit "$data/credit.sla.yaml" SL7 98.7
err_like "credit: unknown level named" "SL7"
check "credit: basis not a price item" 65 "" credit "$data/credit.sla.yaml" SL2 98.7
err_like "credit: bad basis has its path" "remedies.service_credits\[1\].basis"

echo "1..$n"
[ "$failed" -eq 0 ]
