#!/usr/bin/env python3
"""tools/bench/profile-summary.py PERF_SCRIPT_OUTPUT [--top N] [--grep TEXT] — summarises `perf script` output (as
tools/bench/profile.sh writes it): the share of samples by library of the sampled frame (self), the methods with most
samples of their own, and the methods in most stacks (inclusive). --grep keeps only the stacks with a frame containing
TEXT (e.g. a consumer's name) and prints the shares within them."""
import re
import sys
from collections import Counter

args = sys.argv[1:]
top = 25
grep = None
if "--top" in args:
    i = args.index("--top"); top = int(args[i + 1]); del args[i:i + 2]
if "--grep" in args:
    i = args.index("--grep"); grep = args[i + 1]; del args[i:i + 2]
if len(args) != 1:
    sys.exit(__doc__)

frame = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)$")


def library(sym, dso):
    if dso.startswith("[kernel") or dso == "[unknown]" and sym.startswith("["):
        return "kernel"
    if dso.endswith(".map") or "perf-" in dso:  # JIT/R2R code named by the perf map: "… [Assembly] Type::Method"
        assembly = re.search(r"\[([A-Za-z][\w.]*)\]", sym)
        if not assembly:
            return "stubs and other runtime code"
        parts = assembly.group(1).split(".")
        return ".".join(parts[:3] if parts[0] == "Microsoft" else parts[:2])
    return dso.rsplit("/", 1)[-1]


stacks = []
current = None
with open(args[0], errors="replace") as f:
    for line in f:
        if not line.strip():
            if current:
                stacks.append(current)
            current = None
            continue
        if not line[0].isspace():
            current = []
            continue
        m = frame.match(line)
        if m and current is not None:
            current.append((m.group(1), m.group(2)))
if current:
    stacks.append(current)

if grep:
    stacks = [s for s in stacks if any(grep in sym for sym, _ in s)]
total = len(stacks)
if total == 0:
    sys.exit("no samples")
libs, selfs, incl = Counter(), Counter(), Counter()
for s in stacks:
    sym, dso = s[0]
    libs[library(sym, dso)] += 1
    selfs[sym[:140]] += 1
    for name in {sym[:140] for sym, _ in s}:
        incl[name] += 1
print(f"{total} samples" + (f" with a frame containing {grep!r}" if grep else ""))
for title, counter in (("by library (self)", libs), ("methods (self)", selfs), ("methods (inclusive)", incl)):
    print(f"\n## {title}")
    for name, n in counter.most_common(top):
        print(f"{100 * n / total:6.1f} %  {name}")
