#!/bin/sh
# yaml-types.sh - after `pacta fmt`, another YAML reader (python3-yaml's
# safe_load, YAML 1.1 rules) reads every free text back as the same string,
# money as strings, and numbers, dates and booleans as format.md says (TAP).
: "${PACTA:?PACTA must name the pacta binary}"
: "${PYTHON3:=python3}"
LC_ALL=C.UTF-8
LANGUAGE=
export LC_ALL LANGUAGE
if ! "$PYTHON3" -c 'import yaml' 2>/dev/null; then
    echo "1..0 # SKIP python3 with the yaml module (python3-yaml) is not available"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# The input as a person might write it: pacta reads every scalar as text and
# the schema gives it its type, so plain `yes` in a text field is the word
# "yes".  Values YAML would read as null are quoted: they are the words.
f=$tmp/types.sla.yaml
printf '%s\n' \
    'apiVersion: pacta/v1' \
    'kind: ServiceLevelAgreement' \
    'metadata:' \
    '  id: types' \
    '  title: yes' \
    '  language: es' \
    '  version: 3' \
    '  created: 2026-11-02' \
    '  spell_ignore: [no, TPV]' \
    'agreement:' \
    '  type: basic' \
    '  effective_from: 2027-01-01' \
    '  renewal: {auto: true, term: 1Y, notice: 30d}' \
    '  governing_law: on' \
    'parties:' \
    '  provider: {name: 1.0, tax_id: 0012}' \
    '  client: {name: "null", representative: {name: "~", title: ""}}' \
    'needs:' \
    '- {id: N1, description: 2027-01-01, impact: 09:00}' \
    '- {id: N2, description: 1e3, impact: .inf}' \
    'services:' \
    '- id: S1' \
    '  name: "Panadería López: atención al cliente"' \
    '  deliverables: [yes, no, on, off, "1.0", "0012", "null", "~", "", "2027-01-01", "09:00", "1e3", ".inf", ": colon", "- dash", "#hash", "\"quotes\"", "it'"'"'s", "a: b", "x #y", "@at", "`tick", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "[sq]", "{br}", "  lead", "trail  ", "Ñandú, pingüino y acción"]' \
    '  route: ["true", "False", "NO", "Y", "n", "0x1F", "0o17", "1_000", "12:30:00", "+1", "-1", ".5", "=", "<<"]' \
    '  description: "Primera línea con espacios al final   \nsegunda línea\n\ntercera, tras una vacía\n"' \
    'support_hours: {days: [mon, fri], from: "09:00", to: "18:30"}' \
    'service_levels:' \
    '- {id: SL1, service: S1, indicator: availability, target: 99.5, unit: percent, window: 1M, measurement: "Registro"}' \
    '- {id: SL2, service: S1, indicator: response_time, target: 4, unit: hours, window: 1M, measurement: "Tiques"}' \
    'pricing:' \
    '  currency: EUR' \
    '  items:' \
    '  - {id: F1, description: "Cuota", amount: 90.00, per: month}' \
    '  - {id: F2, description: "Hora", amount: "0035.50", per: hour}' \
    '  payment_terms_days: 30' \
    '  taxes_included: false' \
    'notes: "Notas:\n  - con guion\n  # con almohadilla\nfin sin salto"' \
    >"$f"

"$PACTA" fmt "$f" 2>"$tmp/err" || { echo "1..1"; echo "not ok 1 - pacta fmt failed"; sed 's/^/#   /' "$tmp/err"; exit 0; }
"$PACTA" fmt --check "$f" >"$tmp/out" 2>"$tmp/err"
canonical=$?

"$PYTHON3" - "$f" "$canonical" <<'EOF'
import datetime, sys, yaml

n = 0
def ok(cond, name, detail=""):
    global n
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, name))
    if not cond and detail:
        for line in str(detail).splitlines():
            print("#   " + line)

def same_str(got, want, name):
    ok(type(got) is str and got == want, "%s reads back as the string %r" % (name, want),
       "got %s %r" % (type(got).__name__, got))

with open(sys.argv[1], encoding="utf-8") as fh:
    d = yaml.safe_load(fh)

# free text: every one of them the same str
same_str(d["metadata"]["title"], "yes", "metadata.title")
same_str(d["agreement"]["governing_law"], "on", "agreement.governing_law")
same_str(d["parties"]["provider"]["name"], "1.0", "parties.provider.name")
same_str(d["parties"]["provider"]["tax_id"], "0012", "parties.provider.tax_id")
same_str(d["parties"]["client"]["name"], "null", "parties.client.name")
same_str(d["parties"]["client"]["representative"]["name"], "~", "parties.client.representative.name")
same_str(d["parties"]["client"]["representative"]["title"], "", "an empty text")
same_str(d["needs"][0]["description"], "2027-01-01", "a date-like text")
same_str(d["needs"][0]["impact"], "09:00", "a time-like text")
same_str(d["needs"][1]["description"], "1e3", "a number-like text")
same_str(d["needs"][1]["impact"], ".inf", "an infinity-like text")
same_str(d["services"][0]["name"], "Panadería López: atención al cliente", "accents and a colon")
want = ["yes", "no", "on", "off", "1.0", "0012", "null", "~", "", "2027-01-01", "09:00", "1e3", ".inf",
        ": colon", "- dash", "#hash", '"quotes"', "it's", "a: b", "x #y", "@at", "`tick", "%pct", "!bang",
        "&amp", "*star", "|pipe", ">gt", "[sq]", "{br}", "  lead", "trail  ", "Ñandú, pingüino y acción"]
got = d["services"][0]["deliverables"]
ok(isinstance(got, list) and len(got) == len(want), "deliverables: %d items" % len(want), repr(got))
for i, w in enumerate(want):
    same_str(got[i] if i < len(got) else None, w, "deliverables[%d]" % i)
want = ["true", "False", "NO", "Y", "n", "0x1F", "0o17", "1_000", "12:30:00", "+1", "-1", ".5", "=", "<<"]
got = d["services"][0]["route"]
for i, w in enumerate(want):
    same_str(got[i] if i < len(got) else None, w, "route[%d]" % i)
same_str(d["services"][0]["description"],
         "Primera línea con espacios al final   \nsegunda línea\n\ntercera, tras una vacía\n",
         "a multi-line text with trailing spaces and an empty line")
same_str(d["notes"], "Notas:\n  - con guion\n  # con almohadilla\nfin sin salto",
         "a multi-line text that looks like YAML, without a final newline")
sp = d["metadata"]["spell_ignore"]
ok(sp == ["no", "TPV"] and all(type(x) is str for x in sp), "spell_ignore words stay strings", repr(sp))

# money: decimal strings, never numbers
same_str(d["pricing"]["items"][0]["amount"], "90.00", "an amount written plain")
same_str(d["pricing"]["items"][1]["amount"], "0035.50", "an amount with leading zeros")
same_str(d["pricing"]["currency"], "EUR", "the currency")

# times of day: quoted strings
same_str(d["support_hours"]["from"], "09:00", "support_hours.from")
same_str(d["support_hours"]["to"], "18:30", "support_hours.to")

# durations, ids and enums: strings
same_str(d["agreement"]["renewal"]["term"], "1Y", "a duration")
same_str(d["service_levels"][0]["window"], "1M", "a window")
same_str(d["needs"][0]["id"], "N1", "an id")
same_str(d["agreement"]["type"], "basic", "an enum")
ok(d["support_hours"]["days"] == ["mon", "fri"], "days stay day names", repr(d["support_hours"]["days"]))

# numbers, dates, booleans: native YAML types (format.md)
v = d["service_levels"][0]["target"]
ok(type(v) is float and v == 99.5, "a percentage target is a number (99.5)", repr(v))
v = d["service_levels"][1]["target"]
ok(type(v) is int and v == 4, "a whole target is a number (4)", repr(v))
v = d["metadata"]["version"]
ok(type(v) is int and v == 3, "metadata.version is an integer", repr(v))
v = d["pricing"]["payment_terms_days"]
ok(type(v) is int and v == 30, "payment_terms_days is an integer", repr(v))
v = d["agreement"]["effective_from"]
ok(type(v) is datetime.date and v == datetime.date(2027, 1, 1), "effective_from is a date", repr(v))
v = d["metadata"]["created"]
ok(type(v) is datetime.date and v == datetime.date(2026, 11, 2), "metadata.created is a date", repr(v))
v = d["agreement"]["renewal"]["auto"]
ok(v is True, "renewal.auto is a boolean", repr(v))
v = d["pricing"]["taxes_included"]
ok(v is False, "taxes_included is a boolean", repr(v))
# and the written file is canonical: a second fmt would change nothing
# (a '#' inside quoted or block text is not a comment)
ok(sys.argv[2] == "0", "fmt --check on the written file exits 0", "exit " + sys.argv[2])
print("1..%d" % n)
EOF
