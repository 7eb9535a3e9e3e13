#!/usr/bin/env python3
"""ctest importer.fix_zh: every fix text the importer writes has its Chinese, at the call site
or as an entry in fix_zh.cc.

Reads the importer's sources (src/importer/*.cc, not tests), finds the fix argument of each
Err(...), Warn(...), Problem{...}, SheetFault(...) and refuse_cell(...) and each `fix = ...` / `kTextFix = ...`
assignment, takes the string literals in it (the format string of a fmt::format, `{…}` read as
`{}`; both sides of a ?:), and checks each against kFixes in fix_zh.cc (exactly, or matched by
an entry's `{}` pattern). A Problem{...} or refuse_cell(...) whose next argument (fix_zh) holds
Chinese text has its Chinese at the call site and needs no entry. Prints the texts without
Chinese and exits 1 if there are any.

Usage: check_fix_zh.py <src/importer folder>
"""
import pathlib
import re
import sys

LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def args_at(src, i):
    """The top-level arguments of the call or brace list whose opener is at src[i]."""
    depth, args, cur, j = 0, [], '', i
    while j < len(src):
        c = src[j]
        if c in '"\'':
            k = j + 1
            while src[k] != c:
                k += 2 if src[k] == '\\' else 1
            cur += src[j:k + 1]
            j = k + 1
            continue
        if c in '({[':
            depth += 1
            if depth == 1:
                j += 1
                continue
        elif c in ')}]':
            depth -= 1
            if depth == 0:
                args.append(cur.strip())
                return args
        elif c == ',' and depth == 1:
            args.append(cur.strip())
            cur, j = '', j + 1
            continue
        cur += c
        j += 1
    return args


def split_conditional(expr):
    """The operands of ?: at the top level (outside literals and brackets); [expr] if none."""
    parts, cur, depth, i = [], '', 0, 0
    while i < len(expr):
        c = expr[i]
        if c in '"\'':
            k = i + 1
            while expr[k] != c:
                k += 2 if expr[k] == '\\' else 1
            cur += expr[i:k + 1]
            i = k + 1
            continue
        depth += c in '({[' and 1 or 0
        depth -= c in ')}]' and 1 or 0
        if depth == 0 and (c == '?' or (c == ':' and expr[i + 1:i + 2] != ':' and expr[i - 1:i] != ':')):
            parts.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    return parts + [cur]


def texts(expr):
    """The fix texts an argument expression can produce: adjacent literals joined; in a
    fmt::format only its format string, with {…} read as {}."""
    expr = expr.strip()
    if expr.startswith('fmt::format('):
        inner = args_at(expr, expr.index('('))
        return [re.sub(r'\{[^{}]*\}', '{}', t) for t in texts(inner[0])] if inner else []
    out = []
    for part in split_conditional(expr):
        lits = LITERAL.findall(part)
        if lits and not part.strip().startswith('fmt::format'):
            out.append(''.join(lits).encode().decode('unicode_escape').encode('latin-1').decode('utf-8'))
        elif 'fmt::format(' in part:
            out += texts(part[part.index('fmt::format('):])
    return out


def statement_end(src, i):
    """The index of the ';' ending the statement that starts at src[i] (outside literals)."""
    depth = 0
    while i < len(src):
        c = src[i]
        if c in '"\'':
            k = i + 1
            while src[k] != c:
                k += 2 if src[k] == '\\' else 1
            i = k + 1
            continue
        depth += c in '({[' and 1 or 0
        depth -= c in ')}]' and 1 or 0
        if c == ';' and depth == 0:
            return i
        i += 1
    return i


def fixes_in(src):
    found = []
    for m in re.finditer(r'\b(Err|Warn|SheetFault|refuse_cell)\(|\bProblem\{', src):
        name = m.group(1) or 'Problem'
        a = args_at(src, m.end() - 1)
        idx = 3 if name == 'Problem' else 2
        if name in ('Problem', 'refuse_cell') and len(a) > idx + 1 and any(
                re.search(r'[\u4e00-\u9fff]', t) for t in texts(a[idx + 1])):
            continue  # fix_zh written at the call site
        if len(a) > idx:
            found += texts(a[idx])
    for m in re.finditer(r'\b(?:p\.fix|fix|kTextFix)\s*=\s*', src):
        end = statement_end(src, m.end())
        found += texts(src[m.end():end])
    return [t for t in found if t]


def catalogue(path):
    src = '\n'.join(line for line in path.read_text().splitlines() if not line.strip().startswith('//'))
    start = src.index('kFixes[] = {')
    entries = args_at(src, src.index('{', start))
    out = []
    for e in entries:
        if not e.startswith('{'):
            continue
        pair = args_at(e, 0)
        out.append(''.join(LITERAL.findall(pair[0])))
    return out


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'src/importer')
    entries = catalogue(folder / 'fix_zh.cc')
    exact = set(entries)
    patterns = [re.compile('^' + '.*?'.join(map(re.escape, e.split('{}'))) + '$', re.S)
                for e in entries if '{}' in e]
    missing, checked = [], 0
    for f in sorted(folder.glob('*.cc')):
        if f.name.endswith('_test.cc') or f.name == 'fix_zh.cc':
            continue
        for t in fixes_in(f.read_text()):
            checked += 1
            if t not in exact and not any(p.match(t) for p in patterns):
                missing.append(f'{f.name}: {t}')
    for m in missing:
        print('no Chinese for the fix text (add it to fix_zh.cc):', m)
    print(f'{checked} fix texts in the sources, {len(entries)} catalogue entries; {len(missing)} without Chinese')
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
