#!/usr/bin/env python3
"""Writes the hand-made seeds (files named seed-*) of tests/fuzz/corpus/<target>/ and the
dictionaries tests/fuzz/<target>.dict from tests/fixtures and the test keys. Idempotent;
run it after adding fixtures. Seeds the fuzzers found themselves (named by SHA-1) and
regression seeds (regress-*) are left alone. The vault seeds (seed-*.json in
corpus/vault) are sealed under the fuzzer's fixed key and were made with vaultSeal and
vaultExport (see README.md); this script does not touch them."""
import base64
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
CORPUS = os.path.join(HERE, "corpus")
EXCHANGES = ["binance", "kraken", "coinbase"]

# responses_fuzz.hpp: byte 0 = status index (low 4 bits) | retry-after variant << 4.
STATUS_INDEX = {200: 0, 400: 6, 401: 7, 403: 8, 404: 9, 418: 10, 429: 11, 451: 12, 500: 13,
                503: 14, 520: 15}
# Statuses the native tests pair with error fixtures (responses_*_test.cpp).
ERROR_STATUS = {
    "binance": {"error_clock_skew": 400, "error_rejected_key": 401, "error_key_format": 400,
                "error_signature": 400, "error_unauthorized": 401, "error_bad_symbol": 400,
                "error_busy": 503, "error_rate_limit": 429, "error_banned": 418, "waf_403": 403,
                "html_502": 520},
    "coinbase": {"unauthorized": 401, "permission_denied": 403, "v2_invalid_scope": 403,
                 "rate_limit": 429, "invalid_argument": 400, "unavailable": 503,
                 "html_502": 520},
    "kraken": {"cloudflare_520": 520},
}
# Pagination and label params worth starting from (after the "\0\0" separator).
PARAMS = [
    {"limit": 2, "offset": 4}, {"ofs": 50}, {"fromId": 9223372036854775806, "limit": 1},
    {"cursor": "789100"}, {"symbol": "LTCBTC", "base": "LTC", "quote": "BTC"},
    {"productId": "BTC-USD", "base": "ETH", "quote": "EUR"}, {"pair": "XBTUSD", "asset": "XBT"},
    {"limit": 1, "offset": 9223372036854775807},
]
OPERATION_HINTS = [  # fixture name fragment -> operation, for the parse_api seeds
    ("time", "serverTime"), ("permission", "permissions"), ("restriction", "permissions"),
    ("key_permissions", "permissions"), ("balance", "balances"), ("account", "balances"),
    ("trade", "trades"), ("fill", "trades"), ("deposit", "deposits"), ("withdraw", "withdrawals"),
    ("transactions", "deposits"), ("ledger", "ledger"), ("ticker", "tickers"),
    ("product", "tickers"), ("kline", "candles"), ("ohlc", "candles"), ("candle", "candles"),
]


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def fixtures(exchange):
    d = os.path.join(FIXTURES, exchange)
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            yield name, f.read()


def json_keys(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            json_keys(v, out)
    elif isinstance(value, list):
        for v in value:
            json_keys(v, out)


def dict_entry(token):
    raw = token.encode("latin-1") if all(ord(c) < 256 for c in token) else token.encode()
    escaped = "".join(chr(b) if 0x20 <= b < 0x7f and chr(b) not in '"\\' else "\\x%02x" % b
                      for b in raw)
    return '"%s"' % escaped


def write_dict(target, tokens):
    with open(os.path.join(HERE, target + ".dict"), "w") as f:
        f.write("# libFuzzer dictionary for %s, written by seed_corpora.py\n" % target)
        for t in sorted(set(tokens)):
            f.write(dict_entry(t) + "\n")


JSON_TOKENS = ["{", "}", "[", "]", ":", ",", '"', "true", "false", "null", "-0", "0.0",
               "1e-8", "1E+400", "-1e400", "18446744073709551616", "9223372036854775807",
               "-9223372036854775808", "99999999999999999999999999999999999999",
               "0.000000000000000000000000000000000000001", "\\u0000", "\\ud800", "\\u00e9",
               "\\\"", "\xc3\xa9", "\xf0\x9f\x92\xb0", "\xff", "\xed\xa0\x80"]


def responses():
    for ex in EXCHANGES:
        target = ex + "_responses"
        keys = set()
        for name, body in fixtures(ex):
            stem = name.rsplit(".", 1)[0]
            status = ERROR_STATUS[ex].get(stem, 200)
            write(target, "%d-%s" % (status, name), bytes([STATUS_INDEX[status]]) + body)
            try:
                json_keys(json.loads(body), keys)
            except ValueError:
                pass
        # The list pages with pagination params, which drive the `next` arithmetic.
        pages = [(n, b) for n, b in fixtures(ex)
                 if re.search(r"trade|fill|deposit|withdraw|ledger|transactions|accounts", n)
                 and not re.search(r"error|empty|wrong|truncated", n)]
        for i, params in enumerate(PARAMS):
            name, body = pages[i % len(pages)]
            write(target, "params%d-%s" % (i, name),
                  b"\x00" + body + b"\x00\x00" + json.dumps(params).encode())
        write_dict(target, JSON_TOKENS + ['"%s"' % k for k in keys] + list(keys) +
                   ["\x00\x00", "limit", "offset", "ofs", "fromId", "cursor", "symbol",
                    "base", "quote", "productId", "pair", "<html>", "<title>"])


def fast_responses():
    # fast_responses_fuzzer.cpp: byte 0 = exchange (bits 0-1) | trades (bit 2) | 503 (bit 3).
    for index, ex in enumerate(EXCHANGES):
        for name, body in fixtures(ex):
            if re.search(r"balance|account", name):
                write("fast_responses", "%s-%s" % (ex, name), bytes([index]) + body)
            elif re.search(r"trade|fill", name):
                write("fast_responses", "%s-%s" % (ex, name), bytes([index | 4]) + body)
    with open(os.path.join(HERE, "binance_responses.dict")) as f:
        tokens = f.read()
    with open(os.path.join(HERE, "fast_responses.dict"), "w") as f:
        f.write(tokens.replace("binance_responses", "fast_responses"))


def parse_api():
    keys = set()
    for ex in EXCHANGES:
        for name, body in fixtures(ex):
            stem = name.rsplit(".", 1)[0]
            op = next((o for h, o in OPERATION_HINTS if h in stem), "balances")
            status = ERROR_STATUS[ex].get(stem, 200)
            doc = {"exchange": ex, "operation": op, "status": status,
                   "headers": {"Retry-After": "3", "Date": "Wed, 17 Jan 2018 09:12:25 GMT"},
                   "body": body.decode("utf-8", "replace"),
                   "params": {"symbol": "BTCUSDT", "productId": "BTC-USD", "pair": "XBTUSD"}}
            write("parse_api", "%s-%s" % (ex, name), json.dumps(doc))
    keys |= {"exchange", "operation", "status", "headers", "body", "params", "binance",
             "kraken", "coinbase", "serverTime", "permissions", "balances", "trades", "deposits",
             "withdrawals", "ledger", "tickers", "candles", "retry-after", "date"}
    write_dict("parse_api", JSON_TOKENS + ['"%s"' % k for k in keys])


def exact_json():
    for ex in EXCHANGES:
        for name, body in fixtures(ex):
            write("exact_json", "%s-%s" % (ex, name), body)
    hand = {
        "numbers": '[0, -0, 0.1, 1e-8, 1E+2, -1.5e-300, 18446744073709551615, '
                   '18446744073709551616, -9223372036854775809, '
                   '123456789012345678901234567890123456789012345678901234567890, 1e400]',
        "nested": '{"a":[[[{"b":[1,[2,[3]]]}]]],"a":{"dup":true}}',
        "strings": '["\\u00e9\\ud83d\\udcb0", "\\u0000", "tab\\tend", "\xc3\xa9"]',
        "deep": "[" * 40 + "]" * 40,
        "empty": "",
        "trailing": '{"a":1} x',
    }
    for name, text in hand.items():
        write("exact_json", name + ".json", text)
    write_dict("exact_json", JSON_TOKENS)


def decimal():
    seeds = ["0", "-0", "+1", "0.00000000", "1.50000", "123.456,-0.001,7",
             "99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001",
             "1e-8", "15e2", "-1E+37,3,0.5", "1e38", "1e-39", "0e999999999",
             "12345678901234567890.123456789012345678", "1,0", "-1.5,2.5,0",
             "170141183460469231731687303715884105727", "5,3,7", "0.1,0.2,0.3"]
    for i, s in enumerate(seeds):
        write("decimal", "%02d" % i, s)
    write_dict("decimal", ["0", "9", ".", "-", "+", "e", "E", "e-", "e+", ",", "00000000",
                           "99999999999999999999", "1e38", "e-38", "e999999"])


def csv_writer():
    seeds = [b"\x01\x00\x02\x02=cmd|' /C calc'!A0\\", b"\x00\x03\x01\x03a,b\\\x03say \"hi\"\\",
             b"\x00\x06\x02\x02\xff\xfe\xed\xa0\x80\\\x02@SUM(1)\\", b"\x00\x07\x00\x01\x01-12.50\\",
             b"\x01\x01\x04\x03line1\r\nline2\\\x03\tx\\\x03+1\\\x03\xc3\xa9\xf0\x9f\x92\xb0\\"]
    for i, s in enumerate(seeds):
        write("csv_writer", "%02d" % i, s)
    write_dict("csv_writer", ["=", "+", "-", "@", "\t", "\r", "\n", "\r\n", ",", '"', "'",
                              "\\", "\xef\xbb\xbf", "\xef\xbf\xbd", "\xc0\x80", "\xed\xa0\x80",
                              "\xf4\x90\x80\x80", "\xe0\x80", "\xf0\x9f\x92\xb0"])


def pem_keys():
    with open(os.path.join(ROOT, "tests", "native", "signing_test_keys.hpp")) as f:
        header = f.read()
    pems = dict(re.findall(r'(k\w+) = R"PEM\((.*?)\)PEM"', header, re.S))
    hexes = dict(re.findall(r'(k\w+Hex) =\s*((?:"[0-9a-f]*"\s*)+);', header))
    for name, text in pems.items():
        write("pem_keys", "text-" + name, b"\x00" + text.encode())
        # The same key as a JSON-escaped one-liner, as .env files and key JSON hold it.
        write("pem_keys", "escaped-" + name, b"\x00" + json.dumps(text).encode())
        for block in re.findall(r"-----BEGIN ([A-Z ]+)-----\n(.*?)-----END", text, re.S):
            label, body = block
            der = base64.b64decode("".join(body.split()))
            mode = {"PRIVATE KEY": 1, "EC PRIVATE KEY": 2, "RSA PRIVATE KEY": 3}.get(label)
            if mode:
                write("pem_keys", "der-" + name, bytes([mode]) + der)
    seed = bytes.fromhex("".join(re.findall(r'"([0-9a-f]*)"', hexes["kEd25519SeedHex"])))
    public = bytes.fromhex("".join(re.findall(r'"([0-9a-f]*)"', hexes["kEd25519PublicHex"])))
    write("pem_keys", "raw-ed25519-seed", b"\x04" + seed)
    write("pem_keys", "raw-ed25519-seed-public", b"\x04" + seed + public)
    write_dict("pem_keys", ["-----BEGIN ", "-----END ", "-----", "PRIVATE KEY", "EC PRIVATE KEY",
                            "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY",
                            "EC PARAMETERS", "\\n", "\\r\\n", "Proc-Type: 4,ENCRYPTED", "=", "==",
                            "\x30\x82", "\x02\x01\x00", "\x06\x07\x2a\x86\x48\xce\x3d\x02\x01",
                            "\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07", "\x06\x03\x2b\x65\x70",
                            "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", "\x04\x20", "\x05\x00"])


if __name__ == "__main__":
    responses()
    fast_responses()
    parse_api()
    exact_json()
    decimal()
    csv_writer()
    pem_keys()
    write_dict("vault", JSON_TOKENS + ['"%s"' % k for k in (
        "format", "keyfolio-vault", "keyfolio-vault-backup", "v", "kdf", "name", "scrypt", "N",
        "r", "p", "salt", "check", "nonce", "ct", "id", "exchange", "header", "records",
        "exportedMs")] + ["1024", "4194304", "AAAAAAAAAAAAAAAA", "=", "=="])
