#!/usr/bin/env python3
"""Cuts the GitHub API description the tests validate requests against.

usage: cut-openapi-subset.py FULL.json OPERATIONS.txt OUT.json

FULL.json is generated/api.github.com.json of the npm package @octokit/openapi (the version in
testdata/github-api/SOURCES.tsv). OPERATIONS.txt lists the kept operations, one "METHOD /path" a
line. The subset keeps those operations unchanged, in the order of the list's paths, and every
component they reference, transitively, sorted by kind and name. The result is written with
one-space indentation and no final newline.
"""

import json
import sys

NOTE = (
    "Only the operations listed in SOURCE.md, with every component they reference;"
    " cut unchanged from the official description."
)
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def refs(node, found):
    """Adds every '#/components/<kind>/<name>' reference under node to found."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.add(ref)
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def main(full_file, operations_file, out_file):
    with open(full_file, encoding="utf-8") as f:
        full = json.load(f)
    wanted = {}
    with open(operations_file, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            method, _, path = line.partition(" ")
            item = full["paths"].get(path)
            if item is None or method.lower() not in item:
                sys.exit(f"{operations_file}:{number}: {line} is not in {full_file}")
            wanted.setdefault(path, set()).add(method.lower())

    paths = {}
    for path, methods in wanted.items():
        item = full["paths"][path]
        paths[path] = {k: v for k, v in item.items() if k in methods or k not in HTTP_METHODS}

    seen = set()
    todo = set()
    refs(paths, todo)
    while todo:
        ref = todo.pop()
        if ref in seen:
            continue
        seen.add(ref)
        prefix, kind, name = ref.split("/", 3)[1:] if ref.startswith("#/") else (None, None, None)
        if prefix != "components" or name not in full["components"].get(kind, {}):
            sys.exit(f"unresolved reference {ref}")
        refs(full["components"][kind][name], todo)

    components = {}
    for ref in sorted(seen):
        _, _, kind, name = ref.split("/", 3)
        components.setdefault(kind, {})[name] = full["components"][kind][name]
    components = {kind: dict(sorted(components[kind].items())) for kind in sorted(components)}

    info = dict(full["info"])
    info["x-subset-note"] = NOTE
    subset = {
        "openapi": full["openapi"],
        "info": info,
        "servers": full["servers"],
        "externalDocs": full["externalDocs"],
        "tags": full["tags"],
        "paths": paths,
        "components": components,
    }
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump(subset, f, indent=1)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2])
    main(*sys.argv[1:])
