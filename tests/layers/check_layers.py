#!/usr/bin/python3
"""Checks that every #include in src/ points down the layer graph.

The graph is the one src/CMakeLists.txt declares (kefu_layer(... USES ...)), written by CMake to
BUILD/kefu_layers.txt as lines "layer: used layers". A file in src/<layer>/ may include headers of
its own layer and of every layer reachable from it through USES; kefu.h (the C contract's
constants) anywhere; nothing else of ours. Only store/ and session/ include <sqlite3.h>, and
rpc/, capi/, messages/ and cli/ run no SQL; rpc/ and capi/ never name a connection (a handler
passes the transaction it is given, kefu::Txn, on to the modules); a module's state kept by the
archive or a transaction (Extension<T>, TransactionState<T>) is reached only in the file that
defines T. Exits 1 naming each include that points up or sideways and each such use.

  check_layers.py LAYERS_FILE SRC_DIR             the check
  check_layers.py --planted LAYERS_FILE SRC_DIR   copies SRC_DIR, plants an upward include and a
                                                  handler that reaches for the connection or for
                                                  another module's state, and expects the check
                                                  to name exactly those
"""
import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# Public headers under include/kefu/ and the generated classes, by the layer that implements them.
OWNERS = {"kefu/status.hpp": "base", "kefu/date.hpp": "base", "kefu/cadence.hpp": "cadence",
          "kefu/v1/": "messages", "kefu_internal/": "messages"}
CONTRACT = "kefu/kefu.h"
SYSTEM = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)
# SQLite has one home: the store (and the session, which opens and configures connections).
SQLITE_LAYERS = {"store", "session"}
# SQL runs in the store and the modules, never in the layers that call them.
SQL_CALL = re.compile(r'\.(Prepare|Exec|QueryInt|QueryText)\(')
NO_SQL_LAYERS = {"rpc", "capi", "messages", "cli"}
# The handlers and the C functions work through kefu::Txn, never the connection under it.
CONNECTION = re.compile(r'\bConnection\b|\.connection\(\)|\.raw\(\)')
NO_CONNECTION_LAYERS = {"rpc", "capi"}
# A module's state kept by the archive (Db::Extension) or by a write transaction
# (Session::TransactionState) is keyed by the module's own type, and only the file that defines
# the type (or its header's .cc) reaches it: one accessor per state, no locator for others' state.
KEYED_STATE = re.compile(r'\b(?:TransactionState|SessionState|Extension)<\s*(?:\w+::)*(\w+)\s*>')


def defines(folder_path, name, type_name):
    """Whether src/<folder>/<name> or its header defines the struct or class `type_name`."""
    stem = os.path.splitext(name)[0]
    definition = re.compile(r'^\s*(?:struct|class)\s+' + re.escape(type_name) + r'\b[^;]*$', re.M)
    for candidate in {name, stem + ".hpp"}:
        file = os.path.join(folder_path, candidate)
        if os.path.exists(file):
            with open(file, encoding="utf-8") as f:
                if definition.search(f.read()):
                    return True
    return False


def read_graph(path):
    graph = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if ":" not in line:
                continue
            name, uses = line.split(":", 1)
            graph[name.strip()] = re.split(r"[;\s]+", uses.strip()) if uses.strip() else []
    return graph


def reachable(graph, layer):
    seen, todo = set(), [layer]
    while todo:
        for used in graph.get(todo.pop(), []):
            if used not in seen:
                seen.add(used)
                todo.append(used)
    return seen


def owner(header, graph):
    for prefix, layer in OWNERS.items():
        if header == prefix or (prefix.endswith("/") and header.startswith(prefix)):
            return layer
    folder = header.split("/", 1)[0]
    return folder if "/" in header and folder in graph else None


def check(graph, src):
    problems = []
    for folder in sorted(os.listdir(src)):
        path = os.path.join(src, folder)
        if not os.path.isdir(path):
            continue
        if folder not in graph:
            problems.append(f"src/{folder}/ is not a layer of the graph (add it with kefu_layer)")
            continue
        allowed = reachable(graph, folder) | {folder}
        for name in sorted(os.listdir(path)):
            if not name.endswith((".cc", ".hpp", ".h", ".c")):
                continue
            with open(os.path.join(path, name), encoding="utf-8") as f:
                text = f.read()
            for match in SYSTEM.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                if match.group(1) == "sqlite3.h" and folder not in SQLITE_LAYERS:
                    problems.append(f"src/{folder}/{name}:{line} includes <sqlite3.h>: only "
                                    f"{', '.join(sorted(SQLITE_LAYERS))} use SQLite directly")
            if folder in NO_SQL_LAYERS:
                for match in SQL_CALL.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"src/{folder}/{name}:{line} runs SQL ({match.group(1)}): "
                                    f"SQL belongs in store/ and the modules")
            if folder in NO_CONNECTION_LAYERS:
                for match in CONNECTION.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"src/{folder}/{name}:{line} names the connection "
                                    f"({match.group(0)}): pass the Txn on to the module")
            if folder != "session":
                for match in KEYED_STATE.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    if not defines(path, name, match.group(1)):
                        problems.append(f"src/{folder}/{name}:{line} reaches the state "
                                        f"{match.group(1)}, which another file defines: go "
                                        f"through its module's accessor")
            for match in INCLUDE.finditer(text):
                header = match.group(1)
                line = text.count("\n", 0, match.start()) + 1
                if header == CONTRACT:
                    continue
                layer = owner(header, graph)
                where = f"src/{folder}/{name}:{line} includes {header}"
                if layer is None:
                    problems.append(f"{where}: not a header of any layer")
                elif layer not in allowed:
                    uses = ", ".join(sorted(allowed - {folder})) or "nothing"
                    problems.append(f"{where}: {folder} may use {uses}, not {layer}")
    return problems


def main(argv):
    planted = argv[1:2] == ["--planted"]
    args = argv[2:] if planted else argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    graph = read_graph(args[0])
    if not planted:
        problems = check(graph, args[1])
        for p in problems:
            print(p)
        print(f"{len(problems)} problems with the layers" if problems else
              f"every include points down the graph of {len(graph)} layers")
        return 1 if problems else 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "src")
        shutil.copytree(args[1], copy)
        with open(os.path.join(copy, "store", "sqlite.cc"), "a", encoding="utf-8") as f:
            f.write('#include "rpc/dispatcher.hpp"\n')
        with open(os.path.join(copy, "rpc", "open.cc"), "a", encoding="utf-8") as f:
            f.write("int Planted(kefu::Txn& t) { return t.connection().Changes(); }\n"
                    "auto& Borrowed(kefu::Session& s) {\n"
                    "  return *s.TransactionState<followup::Configuration>();\n}\n")
        problems = check(graph, copy)
    wants = [("src/store/sqlite.cc", "includes rpc/dispatcher.hpp"),
             ("src/rpc/open.cc", "names the connection (.connection())"),
             ("src/rpc/open.cc", "reaches the state Configuration")]
    print("\n".join(problems))
    for where, what in wants:
        if len([p for p in problems if p.startswith(where) and what in p]) != 1:
            print(f"the check did not name the planted problem in {where}: {what}")
            return 1
    if len(problems) != len(wants):
        print(f"the check named {len(problems)} problems, {len(wants)} were planted")
        return 1
    print("the planted upward include, the handler that reached for the connection and the one "
          "that reached for another module's state were named")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
