#!/usr/bin/python3
"""No function in src/ is longer than 60 lines unless a comment just above it says why
("// Long: ...").

clang-format lays every definition out from column 0 to a closing brace at column 0, so a
definition is the lines from its first line at column 0 to the next "}" at column 0; classes,
structs, enums, namespaces and tables (initialised constants) are left out: their members are
functions of their own (a class's inline members are short by the same rule, which this script
does not check). Exits 1 naming each long function.

  function_length.py SRC_DIR            the check
  function_length.py --planted SRC_DIR  copies SRC_DIR, plants a 61-line function, and expects
                                        the check to name it and nothing else
"""
import os
import re
import shutil
import sys
import tempfile

LIMIT = 60
NOT_A_FUNCTION = re.compile(r'^(?:template\s*<[^>]*>\s*)?(?:class|struct|enum|union|namespace|'
                            r'(?:inline\s+|static\s+)?(?:constexpr|const)\b)')


def is_declaration(lines, i):
    """Whether the statement starting at line i ends (;) before any body opens ({)."""
    text = "\n".join(lines[i:i + 20])
    semicolon, brace = text.find(";"), text.find("{")
    return brace < 0 or (0 <= semicolon < brace)


def long_functions(src):
    problems = []
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith((".cc", ".hpp")):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            start = None
            for i, line in enumerate(lines):
                at_column_0 = line and not line[0].isspace()
                if start is None and at_column_0 and not line.startswith(("//", "#", "}", "{")):
                    start = i
                    if is_declaration(lines, i):
                        start = None
                    continue
                if start is not None and line.startswith("}"):
                    first = lines[start]
                    length = i - start + 1
                    reason = start > 0 and lines[start - 1].lstrip().startswith("// Long:")
                    if length > LIMIT and not NOT_A_FUNCTION.match(first) and not reason:
                        where = os.path.relpath(path, os.path.dirname(src.rstrip("/")))
                        problems.append(f"{where}:{start + 1} is {length} lines (more than "
                                        f"{LIMIT}): split it, or say why above it (// Long: ...)")
                    start = None
    return problems


def main(argv):
    if len(argv) == 3 and argv[1] == "--planted":
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "src")
            shutil.copytree(argv[2], copy)
            with open(os.path.join(copy, "base", "planted.cc"), "w", encoding="utf-8") as f:
                f.write("int Planted(int x) {\n" + "  x += 1;\n" * (LIMIT - 2) + "  return x;\n}\n")
            problems = long_functions(copy)
        print("\n".join(problems))
        if len(problems) != 1 or not problems[0].startswith("src/base/planted.cc:1 is 61 lines"):
            print("the check did not name exactly the planted 61-line function")
            return 1
        print("the planted 61-line function was named")
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = long_functions(argv[1])
    print("\n".join(problems) if problems else f"no function in {argv[1]} is over {LIMIT} lines")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
