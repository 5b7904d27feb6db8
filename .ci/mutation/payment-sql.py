#!/usr/bin/env python3
"""Flips each comparison operator inside the payment run's SQL, one at a time, and runs the payment tests against it.

Every mutant must be killed (some test fails). Runs on a copy of the checkout (git worktree of HEAD), never on your
tree. Usage:  python3 .ci/mutation/payment-sql.py [--list] [--only N,M] [--filter TESTFILTER]
Results go to stdout and docs/mutation/payment-sql.txt of the copy (printed at the end); exit 1 if any mutant lived.
"""
import argparse, os, re, subprocess, sys, tempfile, time

FILES = [
    "Domain/Payments/Entitlement.Sql.cs",
    "Domain/Payments/Settlement.Sql.cs",
    "Domain/Payments/MonthlySummaries.Sql.cs",
    "Domain/Programmes/ProgrammeCatalogue.Sql.cs",
    "Infrastructure/Payments/PaymentRunSql.cs",
]
# Relational operators of SQL; '=' is left out (it is also C#'s assignment inside holes and SET lists) and said so in docs.
FLIPS = {"<=": ["<", "="], ">=": [">", "="], "<>": ["=", "<", ">"], "<": ["<=", "<>"], ">": [">=", "<>"]}
OPERATOR = re.compile(r"<>|<=|>=|<|>")


def sql_spans(text):
    """Character ranges of string-literal text (outside interpolation holes): where the SQL is."""
    spans, i, n = [], 0, len(text)
    stack = [("code", 0)]  # (state, quote count for raw strings / brace depth for holes)
    start = None
    while i < n:
        state, extra = stack[-1]
        c = text[i]
        if state == "code":
            if text.startswith("//", i):
                i = text.find("\n", i)
                i = n if i < 0 else i
                continue
            if c == "'":
                i = text.find("'", i + 2 if text[i + 1] == "\\" else i + 1) + 1
                continue
            m = re.match(r'(\$*)(@?)("{3,}|")', text[i:])
            if m and (m.group(1) or m.group(2) or True) and text[i] in '$@"':
                dollars, verbatim, quotes = m.groups()
                kind = "raw" if len(quotes) >= 3 else ("verbatim" if verbatim else "plain")
                stack.append((kind, (len(quotes), bool(dollars))))
                i += m.end()
                start = i
                continue
            if c == "{":
                stack[-1] = ("code", extra + 1)
            elif c == "}":
                if extra == 0 and len(stack) > 1:
                    stack.pop()
                    start = i + 1
                    i += 1
                    continue
                stack[-1] = ("code", extra - 1)
            i += 1
            continue
        quotes, interpolated = extra
        if state == "plain" and c == "\\":
            i += 2
            continue
        end = '"' * quotes
        if text.startswith(end, i) and not (state == "verbatim" and text.startswith('""', i)):
            spans.append((start, i))
            stack.pop()
            i += quotes
            continue
        if interpolated and c == "{":
            if text.startswith("{{", i) and state != "raw":
                i += 2
                continue
            spans.append((start, i))
            stack.append(("code", 0))
            i += 1
            continue
        i += 1
    return spans


def mutants(root):
    found = []
    for path in FILES:
        text = open(os.path.join(root, path), encoding="utf-8").read()
        for a, b in sql_spans(text):
            for m in OPERATOR.finditer(text, a, b):
                line = text.count("\n", 0, m.start()) + 1
                found.extend((path, m.start(), m.group(), to, line) for to in FLIPS[m.group()])
    return found


def run(cmd, cwd, log):
    with open(log, "a") as out:
        return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("--filter", default="FullyQualifiedName~CivilAffairs.Tests.Payments|FullyQualifiedName~CivilAffairs.Tests.Reports")
    args = parser.parse_args()
    repo = subprocess.check_output(["git", "rev-parse", "--show-toplevel"], text=True).strip()
    all_mutants = mutants(repo)
    if args.list:
        for k, (path, _, op, to, line) in enumerate(all_mutants):
            print(f"{k:3} {path}:{line} {op} -> {to}")
        return 0
    chosen = [int(x) for x in args.only.split(",") if x] or range(len(all_mutants))
    work = tempfile.mkdtemp(prefix="payment-sql-mutants-")
    subprocess.check_call(["git", "worktree", "add", "--detach", work, "HEAD"], cwd=repo)
    log = os.path.join(work, "mutation.log")
    try:
        if run(["dotnet", "build", "Tests", "-v", "q"], work, log) != 0:
            print("the unmutated tree does not build", file=sys.stderr)
            return 2
        lived, killed, started = [], 0, time.time()
        for k in chosen:
            path, pos, op, to, line = all_mutants[k]
            file = os.path.join(work, path)
            original = open(file, encoding="utf-8").read()
            assert original[pos:pos + len(op)] == op
            open(file, "w", encoding="utf-8").write(original[:pos] + to + original[pos + len(op):])
            try:
                code = run(["dotnet", "test", "Tests", "-v", "q", "--filter", args.filter], work, log)
            finally:
                open(file, "w", encoding="utf-8").write(original)
            status = "killed" if code != 0 else "LIVED"
            killed += code != 0
            if code == 0:
                lived.append(k)
            print(f"{k:3} {path}:{line} {op} -> {to}: {status}", flush=True)
        print(f"{killed}/{len(chosen)} SQL mutants killed in {time.time() - started:.0f} s; lived: {lived or 'none'}")
        return 1 if lived else 0
    finally:
        subprocess.call(["git", "worktree", "remove", "--force", work], cwd=repo)


if __name__ == "__main__":
    sys.exit(main())
