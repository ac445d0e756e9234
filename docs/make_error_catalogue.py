"""Write docs/errors.md, the catalogue of eqsim's error codes, from the source.

    python docs/make_error_catalogue.py          # rewrite docs/errors.md
    python docs/make_error_catalogue.py --check  # exit 1 if docs/errors.md is out of date

Every code comes from the code itself, read with ``ast`` (nothing is imported): the error and
warning classes (``default_code`` and docstring), the named codes of the ``error_codes``
modules (with their ``#:`` comment), and every place that raises with an explicit
``code=`` (its message and hint, with the parts computed at run time shown as ``…``).
tests/docs/test_error_catalogue.py checks that the committed file is current.
"""
import argparse
import ast
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "eqsim"
OUTPUT = ROOT / "docs" / "errors.md"
CODE = re.compile(r"^EQ\d{3}$")


def text_of(node):
    """A string literal or f-string as text, run-time parts as '…'; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "…"
                       for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = text_of(node.left), text_of(node.right)
        return None if left is None and right is None else (left or "…") + (right or "…")
    return None


def one_line(text, limit=220):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Catalogue:
    def __init__(self):
        self.named = {}  # constant name -> code
        self.classes = {}  # class name -> (code, docstring, module)
        self.entries = defaultdict(lambda: {"classes": set(), "meaning": None,
                                            "messages": [], "hints": [], "where": set()})

    def read(self, path):
        tree = ast.parse(path.read_text(), str(path))
        lines = path.read_text().splitlines()
        module = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant) \
                    and isinstance(node.value.value, str) and CODE.match(node.value.value):
                name, code = node.targets[0].id, node.value.value
                if name != "default_code":
                    self.named[name] = code
                    comment = self._comment_above(lines, node.lineno)
                    entry = self.entries[code]
                    entry["meaning"] = entry["meaning"] or comment
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.Assign) and item.targets[0].id == "default_code" \
                            if isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name) \
                            else False:
                        code = item.value.value
                        self.classes[node.name] = code
                        entry = self.entries[code]
                        entry["classes"].add(node.name)
                        doc = ast.get_docstring(node)
                        if doc and not entry["meaning"]:
                            entry["meaning"] = doc.split("\n\n")[0]
                        entry["where"].add(module)
        self._calls.append((tree, module))

    @staticmethod
    def _comment_above(lines, lineno):
        comment = []
        k = lineno - 2
        while k >= 0 and lines[k].strip().startswith("#:"):
            comment.insert(0, lines[k].strip()[2:].strip())
            k -= 1
        return " ".join(comment) or None

    def read_calls(self):
        for tree, module in self._calls:
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                keywords = {k.arg: k.value for k in node.keywords if k.arg}
                code = self._code_of(keywords.get("code"))
                called = node.func.attr if isinstance(node.func, ast.Attribute) else \
                    node.func.id if isinstance(node.func, ast.Name) else None
                if code is None and called in self.classes and "code" not in keywords:
                    code = self.classes[called]
                if code is None:
                    continue
                entry = self.entries[code]
                if called and called[0].isupper():
                    entry["classes"].add(called)
                entry["where"].add(module)
                message = text_of(node.args[0]) if node.args else None
                if message and message not in entry["messages"]:
                    entry["messages"].append(message)
                hint = text_of(keywords["hint"]) if "hint" in keywords else None
                if hint and hint not in entry["hints"]:
                    entry["hints"].append(hint)

    def _code_of(self, node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
            return node.value
        if isinstance(node, ast.Attribute):
            return self.named.get(node.attr)
        if isinstance(node, ast.Name):
            return self.named.get(node.id)
        return None

    def markdown(self):
        out = ["# Error catalogue", "",
               "Every eqsim error starts with its code (`[EQ201] ...`). This page lists each code: "
               "the error class (catch it, or `EqsimError` for all), what it means, the messages "
               "that carry it (`…` stands for the names and values filled in at run time) and the "
               "hints it gives. Generated from the source by `python docs/make_error_catalogue.py`.",
               ""]
        for code in sorted(self.entries):
            entry = self.entries[code]
            classes = ", ".join(f"`{c}`" for c in sorted(entry["classes"])) or "—"
            out += [f"## {code}", "", f"**{classes}**" + (f": {one_line(entry['meaning'])}"
                                                         if entry["meaning"] else ""), ""]
            for message in entry["messages"][:6]:
                out.append(f"- message: {one_line(message)}")
            for hint in entry["hints"][:4]:
                out.append(f"- hint: {one_line(hint)}")
            out += [f"- raised in: {', '.join(f'`{w}`' for w in sorted(entry['where']))}"
                    if entry["where"] else "- raised in: (a named code, see its class)", ""]
        return "\n".join(out).rstrip() + "\n"


def build():
    catalogue = Catalogue()
    catalogue._calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        catalogue.read(path)
    catalogue.read_calls()
    return catalogue


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check docs/errors.md is current")
    args = parser.parse_args()
    text = build().markdown()
    if args.check:
        current = OUTPUT.read_text() if OUTPUT.exists() else ""
        if current != text:
            print("docs/errors.md is out of date: run python docs/make_error_catalogue.py")
            return 1
        return 0
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {text.count(chr(10) + '## ')} codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
