"""Dev-time: list the dev set's missed and invented facts beside their quotes, for rule authors.

usage: python tools/dev_errors.py [DEV_DIR] [--kind money] [--doc PREFIX] [--strict]
"""
import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from tradefacts.api import run_paths

UNORDERED = {"turnover", "deal"}


def key(f, strict):
    pair = tuple(sorted((f["a"], f["b"]))) if f["flow"] in UNORDERED else (f["a"], f["b"])
    k = (f["kind"], f["flow"], pair, f["status"], f["unit"])
    return k + ((f["year"],) if strict else ())


def close(x, y):
    return abs(x - y) <= 0.005 * abs(y) if y else x == y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared/eval/dev"))
    ap.add_argument("--kind", default="money")
    ap.add_argument("--doc", default="")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--years", action="store_true", help="list core matches whose year or period differs")
    args = ap.parse_args()
    dev = Path(args.dev)
    gold = defaultdict(list)
    for line in open(dev / "gold.jsonl", encoding="utf-8"):
        g = json.loads(line)
        if g["kind"] == args.kind and g["doc"].startswith(args.doc):
            gold[g["doc"]].append(g)
    pred = defaultdict(list)
    for f in run_paths([dev / "docs"]).facts:
        if f.kind == args.kind and f.doc.startswith(args.doc):
            pred[f.doc].append(vars(f))
    for doc in sorted(set(gold) | set(pred)):
        g_left, p_left = list(gold[doc]), list(pred[doc])
        for g in list(g_left):
            for p in p_left:
                if key(g, args.strict) == key(p, args.strict) and close(p["value"], g["value"]):
                    g_left.remove(g)
                    p_left.remove(p)
                    if args.years and (g["year"], g.get("period")) != (p["year"], p["period"]):
                        print(f"YEAR     {doc}: gold {g['year']} {g.get('period')} / got {p['year']} {p['period']} | {p['rule'].split('+')[-1]} | {g['evidence'][:110]}")
                    break
        if args.years:
            continue
        for g in g_left:
            print(f"MISSED   {doc}: {g['flow']} {g['a']}-{g['b']} {g['status']} {g['year']} {g['value']:g} {g['unit']} | {g['evidence'][:140]}")
        for p in p_left:
            print(f"INVENTED {doc}: {p['flow']} {p['a']}-{p['b']} {p['status']} {p['year']} {p['value']:g} {p['unit']} | {p['rule']} | {p['quote'][:160]}")


if __name__ == "__main__":
    sys.exit(main())
