#!/usr/bin/env python3
"""Writes lectern-fuzz's seed corpus: the pages in notebooks/, each of their cells' code, and the
string literals of Tests/ (cell snippets and pages), one file per distinct input.

Usage: scripts/fuzz-seeds.py OUTPUT-FOLDER   (run from the package root)
"""
import hashlib
import pathlib
import re
import sys

FENCE = re.compile(r"^(`{3,}|~{3,})swift[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)
# A one-line string literal; its escapes are undone below.
LINE_STRING = re.compile(r'(?<![#\\])"((?:[^"\\\n]|\\.)*)"')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'", "0": "\0"}


def unescape(text):
    def one(match):
        code = match.group(1)
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16))
        return ESCAPES.get(code, "\\" + code)
    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|.)", one, text)


def multiline_strings(source):
    """Swift's \"\"\" literals: the lines between the delimiters, less the closing line's indent."""
    lines = source.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].rstrip().endswith('"""') and lines[i].count('"""') == 1:
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != '"""' and not lines[i].strip().startswith('"""'):
                body.append(lines[i])
                i += 1
            if i < len(lines):
                indent = len(lines[i]) - len(lines[i].lstrip())
                yield unescape("\n".join(line[indent:] for line in body))
        i += 1


def seeds(root):
    for page in sorted((root / "notebooks").glob("*.md")):
        text = page.read_text()
        yield text
        for match in FENCE.finditer(text):
            yield match.group(2)
    for test in sorted((root / "Tests").rglob("*.swift")):
        source = test.read_text()
        yield from multiline_strings(source)
        for match in LINE_STRING.finditer(source):
            text = unescape(match.group(1))
            # Cell-like one-liners only, not test names and messages.
            if len(text) >= 6 and re.search(r"[=(\[{]|\bprint\b|\blet\b|\bvar\b", text):
                yield text


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    written = set()
    for text in seeds(pathlib.Path(".")):
        data = text.encode("utf-8", "surrogateescape")
        name = hashlib.sha1(data).hexdigest()
        if data and name not in written:
            (out / name).write_bytes(data)
            written.add(name)
    print(f"fuzz-seeds: {len(written)} inputs in {out}")


main()
