"""Tokenizer and parser for the FHIRPath subset (see :mod:`yteso.fhir.search.fhirpath`).

The AST is made of plain tuples, first item the node kind:
``("ident", name)``, ``("member", focus, name)``, ``("call", focus | None, name, args)``,
``("index", focus, n)``, ``("union", parts)``, ``("as" | "is", inner, type_name)``,
``("literal", value, fhir_type)`` and binary ``("=" | "!=" | "and" | "or", left, right)``.
Precedence follows the FHIRPath spec: ``.``/``[]`` > ``as``/``is`` > ``|`` > ``=``/``!=`` > ``and`` > ``or``.
"""

from __future__ import annotations

import re
from typing import Any

Node = tuple[Any, ...]


class UnsupportedExpression(ValueError):
    """The expression uses FHIRPath outside the supported subset (or is malformed)."""


_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^'\\]|\\.)*')|(?P<num>\d+(?:\.\d+)?)|(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<bq>`[^`]+`)|(?P<op>!=|!~|<=|>=|[.()\[\]|=,<>~+\-*/&$%]))"
)
_KEYWORDS = {"as", "is", "and", "or", "xor", "implies", "in", "contains", "div", "mod"}


def tokenize(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(kind, token)`` pairs; kinds are str, num, id, op."""
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise UnsupportedExpression(f"cannot parse {text[pos:]!r}")
        pos = m.end()
        kind = m.lastgroup or ""
        token = m.group(kind)
        if kind == "bq":
            kind, token = "id", token[1:-1]
        out.append((kind, token))
    return out


def parse(text: str) -> Node:
    """Parse a FHIRPath expression into a tuple AST."""
    return _Parser(tokenize(text)).parse_all()


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def accept(self, token: str) -> bool:
        nxt = self.peek()
        if nxt is not None and nxt[1] == token and nxt[0] in ("op", "id"):
            self.pos += 1
            return True
        return False

    def expect(self, token: str) -> None:
        if not self.accept(token):
            raise UnsupportedExpression(f"expected {token!r} at token {self.pos}")

    def ident(self) -> str:
        nxt = self.peek()
        if nxt is None or nxt[0] != "id":
            raise UnsupportedExpression(f"expected a name at token {self.pos}")
        self.pos += 1
        return nxt[1]

    def parse_all(self) -> Node:
        node = self.expr()
        rest = self.peek()
        if rest is not None:
            raise UnsupportedExpression(f"unsupported token {rest[1]!r}")
        return node

    def expr(self) -> Node:
        node = self.and_expr()
        while self.accept("or"):
            node = ("or", node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.equality()
        while self.accept("and"):
            node = ("and", node, self.equality())
        return node

    def equality(self) -> Node:
        node = self.union()
        for op in ("=", "!="):
            if self.accept(op):
                return (op, node, self.union())
        return node

    def union(self) -> Node:
        parts = [self.type_expr()]
        while self.accept("|"):
            parts.append(self.type_expr())
        return parts[0] if len(parts) == 1 else ("union", tuple(parts))

    def type_expr(self) -> Node:
        node = self.term()
        for op in ("as", "is"):
            if self.accept(op):
                return (op, node, self.ident())
        return node

    def term(self) -> Node:
        node = self.primary()
        while True:
            if self.accept("."):
                name = self.ident()
                node = ("call", node, name, self.args()) if self.accept("(") else ("member", node, name)
            elif self.accept("["):
                nxt = self.peek()
                if nxt is None or nxt[0] != "num" or "." in nxt[1]:
                    raise UnsupportedExpression("only integer indexers are supported")
                self.pos += 1
                self.expect("]")
                node = ("index", node, int(nxt[1]))
            else:
                return node

    def args(self) -> tuple[Node, ...]:
        if self.accept(")"):
            return ()
        out = [self.expr()]
        while self.accept(","):
            out.append(self.expr())
        self.expect(")")
        return tuple(out)

    def primary(self) -> Node:
        nxt = self.peek()
        if nxt is None:
            raise UnsupportedExpression("unexpected end of expression")
        kind, token = nxt
        if kind == "op" and token == "(":
            self.pos += 1
            node = self.expr()
            self.expect(")")
            return node
        self.pos += 1
        if kind == "str":
            return ("literal", re.sub(r"\\(.)", r"\1", token[1:-1]), "string")
        if kind == "num" and "." in token:
            return ("literal", float(token), "decimal")
        if kind == "num":
            return ("literal", int(token), "integer")
        if kind == "id" and token in ("true", "false"):
            return ("literal", token == "true", "boolean")
        if kind == "id" and token not in _KEYWORDS:
            if self.accept("("):
                return ("call", None, token, self.args())
            return ("ident", token)
        raise UnsupportedExpression(f"unsupported token {token!r}")


def split_union(expression: str) -> list[str]:
    """Split ``expression`` on top-level ``|`` (outside parentheses and string literals)."""
    out: list[str] = []
    depth, start, quote = 0, 0, False
    for i, ch in enumerate(expression):
        if ch == "'":
            quote = not quote
        elif quote:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(expression[start:i].strip())
            start = i + 1
    out.append(expression[start:].strip())
    return [b for b in out if b]
