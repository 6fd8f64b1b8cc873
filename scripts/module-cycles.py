#!/usr/bin/env python3
"""Module import graph of a Rust crate's src/ tree, and its cycles.

    python3 scripts/module-cycles.py crates/web/src [crate::pages] [-v]

The optional second argument limits the report to the modules whose path
starts with it; -v lists every module's edges.

Every path a file names (`use` trees, inline `crate::`/`super::`/`self::`
paths, names of child modules and of modules brought in by `use`) is
resolved to the longest prefix that is a module of the crate; that is an
edge from the file's module to it. Prints the strongly connected
components with more than one module (the cycles), with and without the
crate root, whose items (AppState) everyone uses.
"""
import os, re, sys, collections

src = sys.argv[1]
scope = sys.argv[2] if len(sys.argv) > 2 else ""

def modpath(rel):
    parts = rel[:-3].split(os.sep)
    if parts[-1] in ("lib", "main"):
        parts = parts[:-1]
    elif parts[-1] == "mod":
        parts = parts[:-1]
    return tuple(["crate"] + parts)

files = {}
for root, _, names in os.walk(src):
    for n in names:
        if n.endswith(".rs"):
            full = os.path.join(root, n)
            files[modpath(os.path.relpath(full, src))] = full
mods = set(files)

def strip(text):
    """Blanks comments, string and char literals (a scanner, as `//` may
    stand in a string and a quote in a comment)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif c == "r" and re.match(r'r#*"', text[i:]) and (i == 0 or not (text[i-1].isalnum() or text[i-1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            out.append('""'); i = n if end < 0 else end + 1 + len(hashes)
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append('""'); i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:]):
            m = re.match(r"'(\\.|[^\\'])'", text[i:])
            out.append("' '"); i += len(m.group(0))
        else:
            out.append(c); i += 1
    text = "".join(out)
    # a visibility restriction names a module without importing it
    text = re.sub(r"pub\(in [^)]*\)", "pub", text)
    # tests are no part of the module graph that matters
    text = re.sub(r"#\[cfg\(test\)\]\s*mod tests\s*\{.*", "", text, flags=re.S)
    return text

def expand(tree):
    """`a::{b, c::{d, self}}` -> ["a::b", "a::c::d", "a::c"]"""
    tree = re.sub(r"\s+", "", tree)
    out = []
    def rec(prefix, t):
        i = t.find("{")
        if i < 0:
            for part in t.split(","):
                if part:
                    part = part.split(" as ")[0]
                    out.append(prefix + part)
            return
        head = t[:i]
        depth, j = 0, i
        for j in range(i, len(t)):
            if t[j] == "{": depth += 1
            elif t[j] == "}":
                depth -= 1
                if depth == 0: break
        inner, rest = t[i + 1:j], t[j + 1:]
        items, depth, cur = [], 0, ""
        for ch in inner:
            if ch == "," and depth == 0:
                items.append(cur); cur = ""; continue
            if ch == "{": depth += 1
            if ch == "}": depth -= 1
            cur += ch
        items.append(cur)
        for it in items:
            if it == "self":
                out.append((prefix + head).rstrip(":"))
            elif it:
                rec(prefix + head, it)
        if rest.startswith(","):
            rec(prefix, rest[1:])
    rec("", tree)
    return out

def resolve(me, path):
    segs = path.split("::")
    if segs[0] == "crate":
        base = ["crate"]; segs = segs[1:]
    elif segs[0] == "self":
        base = list(me); segs = segs[1:]
    elif segs[0] == "super":
        base = list(me)
        while segs and segs[0] == "super":
            base = base[:-1]; segs = segs[1:]
    else:
        base = list(me)  # a child module or something imported
    cur = tuple(base)
    best = cur
    for s in segs:
        nxt = cur + (s,)
        if nxt in mods:
            best = nxt; cur = nxt
        else:
            break
    return best

edges = collections.defaultdict(set)
for me, f in files.items():
    text = strip(open(f).read())
    aliases = {}
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        for p in expand(m.group(1)):
            if p.split("::")[0] in ("crate", "super", "self") or me + (p.split("::")[0],) in mods:
                t = resolve(me, p)
                if t != me:
                    edges[me].add(t)
                # `use super::series::{self}` / `use crate::x::y;` bring a name in
                if t in mods and t[-1] == p.split("::")[-1]:
                    aliases[t[-1]] = t
    for m in re.finditer(r"\b((?:crate|super|self)(?:::\w+)+)", text):
        t = resolve(me, m.group(1))
        if t != me:
            edges[me].add(t)
    for m in re.finditer(r"\b([a-z_][a-z0-9_]*)::\w", text):
        name = m.group(1)
        child = me + (name,)
        if child in mods:
            edges[me].add(child)
        elif name in aliases:
            edges[me].add(aliases[name])

def sccs(nodes, edges):
    index, low, stack, on, out, i = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)
    def strong(v):
        index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in nodes: continue
            if w not in index:
                strong(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            out.append(comp)
    for v in sorted(nodes):
        if v not in index: strong(v)
    return [c for c in out if len(c) > 1]

def name(m): return "::".join(m)

for title, nodes in [("whole crate", mods), ("without the crate root", mods - {("crate",)})]:
    nodes = {n for n in nodes if name(n).startswith(scope) or not scope}
    cyc = sccs(nodes, edges)
    print(f"{title}: {len(nodes)} modules, {sum(len([e for e in edges[n] if e in nodes]) for n in nodes)} edges, {len(cyc)} cycles")
    for c in cyc:
        print("  cycle:", ", ".join(sorted(name(m) for m in c)))
if "-v" in sys.argv:
    for m in sorted(mods):
        print(name(m), "->", ", ".join(sorted(name(t) for t in edges[m])))
