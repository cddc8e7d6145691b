#!/usr/bin/env python3
"""Generates pii-fixture.txt: one sample per line, labelled spans written as {{TYPE|value}}.

Unlabelled numbers in a line are near-misses that a detector must NOT report. Seeded, so reruns are identical.
Run: python3 generate_pii_fixture.py > pii-fixture.txt
"""
import random

rng = random.Random(20261122)

def luhn_check_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)

def card(prefix, length):
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    return body + luhn_check_digit(body)

def bad_luhn(number):
    last = int(number[-1])
    return number[:-1] + str((last + rng.randint(1, 9)) % 10)

def group(number, sizes, sep):
    out, i = [], 0
    for s in sizes:
        out.append(number[i:i + s]); i += s
    return sep.join(out)

IBAN_BBAN = {"DE": "n18", "GB": "a4n14", "FR": "n10c11n2", "NL": "a4n10", "ES": "n20", "IT": "a1n10c12",
             "CH": "n5c12", "BE": "n12", "AT": "n16", "PL": "n24", "SE": "n20", "NO": "n11"}

def bban(spec):
    out, i = "", 0
    while i < len(spec):
        kind = spec[i]; j = i + 1
        while j < len(spec) and spec[j].isdigit(): j += 1
        n = int(spec[i + 1:j]); i = j
        alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"}[kind]
        out += "".join(rng.choice(alphabet) for _ in range(n))
    return out

def iban_check(country, b):
    s = b + country + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return "%02d" % (98 - int(num) % 97)

def iban(country):
    b = bban(IBAN_BBAN[country])
    return country + iban_check(country, b) + b

def spaced(value):
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))

def ssn():
    while True:
        area = rng.randint(1, 899)
        if area != 666: break
    return "%03d-%02d-%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))

first = ["anna", "ben", "chloe", "david", "eva", "farid", "greta", "hiro", "ines", "jonas", "kim", "lena", "marco", "nora", "omar", "petra"]
last = ["smith", "mueller", "dubois", "rossi", "tanaka", "novak", "garcia", "jensen", "kowalski", "oconnor"]
domains = ["example.com", "mail.example.org", "corp.example.co.uk", "uni-example.edu", "example.de", "team.example.io"]

def email():
    f, l, d = rng.choice(first), rng.choice(last), rng.choice(domains)
    style = rng.randint(0, 4)
    local = [f + "." + l, f[0] + l, f + "_" + l + str(rng.randint(1, 99)), f + "+" + rng.choice(["news", "jira", "billing"]), (f + "." + l).upper()][style]
    return local + "@" + d

def nanp():
    a, e, s = rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)
    return rng.choice(["(%d) %d-%04d", "%d-%d-%04d", "%d.%d.%04d", "+1 %d %d %04d", "+1-%d-%d-%04d", "1-%d-%d-%04d"]) % (a, e, s)

def intl_phone():
    return rng.choice([
        "+44 20 7946 %04d" % rng.randint(0, 9999), "+44 7700 900%03d" % rng.randint(0, 999),
        "+49 30 %07d" % rng.randint(1000000, 9999999), "+49 (0)171 %07d" % rng.randint(1000000, 9999999),
        "+33 1 %02d %02d %02d %02d" % tuple(rng.randint(10, 99) for _ in range(4)), "+4930%07d" % rng.randint(1000000, 9999999),
        "+81 3-%04d-%04d" % (rng.randint(1000, 9999), rng.randint(0, 9999)), "+61 2 %04d %04d" % (rng.randint(1000, 9999), rng.randint(0, 9999)),
        "+1%d%d%04d" % (rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999)),
    ])

def national_phone():
    return rng.choice([
        "020 7946 %04d" % rng.randint(0, 9999), "07700 900%03d" % rng.randint(0, 999), "030 %07d" % rng.randint(1000000, 9999999),
        "0171 %07d" % rng.randint(1000000, 9999999), "01 %02d %02d %02d %02d" % tuple(rng.randint(10, 99) for _ in range(4)),
        "020-%07d" % rng.randint(1000000, 9999999),
    ])

def ipv4():
    return ".".join(str(o) for o in [rng.choice([10, 172, 192, 203, 198, 85, 46]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)])

def ipv6():
    h = lambda: "%x" % rng.randint(1, 0xffff)
    return rng.choice([
        "2001:db8:%s:%s:%s:%s:%s:%s" % tuple(h() for _ in range(6)), "2001:db8::%s" % h(), "fe80::%s:%s:%s:%s" % tuple(h() for _ in range(4)),
        "::1", "::ffff:192.0.2.%d" % rng.randint(1, 254), "2001:0db8:85a3:0000:0000:8a2e:0370:%04x" % rng.randint(0, 0xffff),
        "2606:4700:4700::%s" % h(), "fd00:%s::%s" % (h(), h()),
    ])

def lab(kind, value):
    return "{{%s|%s}}" % (kind, value)

templates = {
    "EMAIL": ["Please contact {} for access.", "Forwarded by {} on Monday.", "Send the invoice to <{}>.", "cc: {}, bcc: none",
              "Reply-To: {}", "The reviewer ({}) approved it."],
    "PHONE": ["Call me at {} after 5pm.", "Phone: {}", "Support line {} is open 24/7.", "Reach the desk on {}, ext. 12.",
              "Mobile {} (personal)."],
    "CREDIT_CARD": ["Card number {} was charged.", "Payment with {} failed.", "Visa: {}", "Refund to card {} issued.",
                    "The customer read out {} over the phone."],
    "IBAN": ["Transfer to IBAN {} by Friday.", "Account: {}", "Please pay into {} (reference INV-2231).", "Beneficiary IBAN {}"],
    "US_SSN": ["SSN {} on file.", "Social security number: {}", "The applicant's SSN is {}.", "Verify {} against the W-2."],
    "IPV4": ["Login from {} was blocked.", "Server at {} responded slowly.", "Allow {}/32 in the firewall.", "client_ip={} status=403"],
    "IPV6": ["Request from {} was throttled.", "Bind the service to [{}]:8443.", "Neighbour {} is unreachable.", "src={} proto=tcp"],
}

generators = {
    "EMAIL": email,
    "PHONE": lambda: rng.choice([nanp, intl_phone, national_phone])(),
    "CREDIT_CARD": lambda: rng.choice([
        lambda: card("4", 16), lambda: group(card("4", 16), [4, 4, 4, 4], " "), lambda: group(card("5" + str(rng.randint(1, 5)), 16), [4, 4, 4, 4], "-"),
        lambda: group(card("3" + rng.choice("47"), 15), [4, 6, 5], " "), lambda: card("6011", 16), lambda: card("2221", 16),
        lambda: card("4", 13), lambda: group(card("35", 16), [4, 4, 4, 4], " "),
    ])(),
    "IBAN": lambda: (lambda v: rng.choice([v, spaced(v)]))(iban(rng.choice(list(IBAN_BBAN)))),
    "US_SSN": ssn,
    "IPV4": ipv4,
    "IPV6": ipv6,
}

lines = []
for kind in templates:
    for i in range(36):
        lines.append(rng.choice(templates[kind]).format(lab(kind, generators[kind]())))

# Mixed lines: several entities in one sample.
for i in range(20):
    lines.append("Customer %s (%s) paid with %s from %s." % (
        lab("EMAIL", email()), lab("PHONE", nanp()), lab("CREDIT_CARD", group(card("4", 16), [4, 4, 4, 4], " ")), lab("IPV4", ipv4())))

# Near-misses: none of these numbers is personal data of the labelled kinds.
near = []
for i in range(12):
    near.append("Rejected card %s (checksum mismatch)." % bad_luhn(card("4", 16)))
    order = str(rng.randint(10**15, 10**16 - 1))
    if luhn_check_digit(order[:-1]) == order[-1]:
        order = bad_luhn(order)
    near.append("Order number %s shipped." % order)
for i in range(8):
    v = iban(rng.choice(list(IBAN_BBAN)))
    bad = v[:2] + "%02d" % ((int(v[2:4]) + rng.randint(1, 50)) % 100) + v[4:]
    near.append("Typo in account %s, please resend." % bad)
near += ["Invalid SSN 000-12-3456 was rejected.", "Invalid SSN 666-45-6789 was rejected.", "Placeholder SSN 912-34-5678 is not issued.",
         "Bad group in 123-00-4567 was flagged.", "Serial 0000 in 123-45-0000 is invalid."]
near += ["Address 999.1.1.1 is not valid.", "Octet 256.10.10.10 is out of range.", "Upgrade to version 1.2.3.4 today.", "Released v2.10.3.1 yesterday.",
         "Build 10.0.14 is current.", "Padded 01.02.03.04 is ambiguous.", "Version: 4.18.0.2 fixes it."]
near += ["Meeting on 2024-01-15 10:30 in room 4.", "Due 15.01.2024, paid 01/15/2024.", "Timestamp 12:30:45 logged.", "MAC 00:1A:2B:3C:4D:5E seen.",
         "Use std::vector here.", "Ratio 1:2:3 holds.", "Ticket ORD-2024-000123 opened.", "Raw number 4155552671 in the export.",
         "ZIP 94105-1234 applies.", "ISBN 978-3-16-148410-0 cited.", "Invoice 2023-0042 is overdue.", "Write to anna at example dot com.",
         "Follow @anna_smith for news.", "Asset logo@2x.png is missing.", "Range 1000-2000-3000 units.", "Score was 3-2 at 90:00.",
         "Pi is 3.14159265358979.", "Amount 1,234,567.89 EUR.", "Coordinates 48.8566, 2.3522.", "Serial AB12-CD34-EF56 registered."]
lines += near

# Hand-written harder cases: odd punctuation, URIs, lower-case, embedded in code or logs.
hard = ["Mail {{EMAIL|first.last@sub.example.com}}.", "mailto:{{EMAIL|ops-team@example.org}}?subject=hi", "Write (e.g. {{EMAIL|a.b@example.fr}}) now.",
        "tel:{{PHONE|+14155552671}}", "Ring {{PHONE|+1 (415) 555-2671}} today.", "Hotline: {{PHONE|1-800-555-0199}}.",
        "Fax {{PHONE|+49-89-1234567}}; tel. {{PHONE|089 1234567}}.", "Test card {{CREDIT_CARD|4111-1111-1111-1111}}; expiry 12/28.",
        "PAN={{CREDIT_CARD|5500005555555559}}&cvv=123", "Amex {{CREDIT_CARD|371449635398431}}, thanks!",
        "iban: {{IBAN|GB82 WEST 1234 5698 7654 32}}.", "IBAN={{IBAN|NL91ABNA0417164300}};", "lower-case iban {{IBAN|de89370400440532013000}} pasted",
        "ssn={{US_SSN|219-09-9999}}", "SSN: {{US_SSN|078 05 1120}}", "GET / from {{IPV4|8.8.8.8}}:443", "peer={{IPV4|100.64.0.1}}, {{IPV4|100.64.0.2}}",
        "addr {{IPV6|2001:db8:0:0:1:0:0:1}}/64 assigned", "link-local {{IPV6|fe80::1}}%eth0 up", "dns {{IPV6|2001:4860:4860::8888}}.",
        "Version 2.0.1 of the app calls {{PHONE|(212) 555-0147}}.", "Dates 2025-03-01 and 2025-03-02; contact {{EMAIL|x@example.net}}.",
        "Build 8.0.100 ships; ping {{IPV4|10.1.2.3}}.", "Commit 4f9a2c1d, ticket #20231231, IP {{IPV4|192.168.0.10}}."]
lines += hard
rng.shuffle(lines)
print("\n".join(lines))
