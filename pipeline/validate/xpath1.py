"""Which Schematron expressions mean the same in XPath 1.0 (lxml) as in XPath 3.1 (Saxon).

``translate(text, scope)`` reads an expression of a Schematron rule (written for the XSLT 2/3
query binding) and returns it as XPath 1.0 for libxml2, or ``None`` when it is outside the
subset whose result is the same under both for every document. The subset is checked by
parsing, not by pattern matching, and leaves out whatever the two languages treat
differently:

- comparisons mix no kinds: strings or nodes with strings or nodes (both compare strings),
  numbers with numbers, booleans with booleans; ``<`` and the like on numbers only (XPath 1.0
  converts nodes to numbers there, 2.0 compares strings; 2.0 raises an error where 1.0 gives
  NaN); one comparison per level (2.0 does not chain them);
- string functions take strings, booleans or at most one node (2.0 raises an error on two,
  1.0 takes the first); numbers are whole (``count``, ``string-length``, ``position``,
  ``last``, integer literals, ``+ - *``), so ``div``, ``mod`` and decimals are left out;
- no kind tests that could meet the prolog (Saxon sees the root element only): no
  ``comment()``, ``processing-instruction()``, and ``node()`` only on upward axes;
- no ``id()``, ``key()``, ``sum()``, ``document()``: libxml2 and Saxon do not agree on them.

A few XPath 2.0 forms have exact 1.0 equivalents and are rewritten: ``eq``/``ne`` between
strings or single nodes (``=``/``!=``), ``*:name`` (``*[local-name() = 'name']``), and
``current()`` (the variable ``$edsch.current``, which the caller binds to the rule's node).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

#: The variable that stands for ``current()``.
CURRENT = "edsch.current"

_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"[^"]*"|'[^']*')"""
    r"""|(?P<num>\d+(?:\.\d*)?|\.\d+)"""
    r"""|(?P<name>(?:[A-Za-z_][\w.\-]*|\*)(?::(?:[A-Za-z_][\w.\-]*|\*))?)"""
    r"""|(?P<op>::|//|!=|<=|>=|\.\.|[\[\]()@|,=<>+\-$./]))"""
)
_AXES = {
    "ancestor",
    "ancestor-or-self",
    "attribute",
    "child",
    "descendant",
    "descendant-or-self",
    "following",
    "following-sibling",
    "parent",
    "preceding",
    "preceding-sibling",
    "self",
}
_UPWARD = {"self", "parent", "ancestor", "ancestor-or-self"}
_OPERATOR_NAMES = {"and", "or", "mod", "div", "eq", "ne", "lt", "le", "gt", "ge"}
#: After these tokens a name is a name and ``*`` a wildcard (XPath 1.0, section 3.7).
_BEFORE_OPERAND = {"@", "::", "(", "[", ",", "|", "/", "//", "=", "!=", "<", "<=", ">", ">=",
                   "+", "-", "and", "or", "mod", "div", "*op", "eq", "ne", "$"}  # fmt: skip

NODES, STRING, NUMBER, BOOLEAN = "nodes", "string", "number", "boolean"


class Unsupported(Exception):
    """The expression is outside the subset (the reason is for debugging)."""


@dataclass(frozen=True)
class Value:
    """An expression in XPath 1.0 and what it yields."""

    text: str
    kind: str
    #: At most one node (for ``nodes``).
    single: bool = False
    #: Only elements (for ``nodes``): what a rule context must select.
    elements: bool = False


@dataclass
class Scope:
    """What an expression may refer to: prefixes, variables (with what they hold), whether
    ``current()`` means something, and whether the context is the document node."""

    namespaces: dict[str, str]
    variables: dict[str, Value] = field(default_factory=dict)
    current: bool = True
    document: bool = False
    #: Set while translating: the expression uses position() or last() outside predicates
    #: (their value at a rule's node differs between the two engines' ways of running rules).
    positional: bool = False
    uses_current: bool = False
    uses: set[str] = field(default_factory=set)


def translate(text: str, scope: Scope) -> Value | None:
    """``text`` as XPath 1.0 with the same meaning, or None."""
    try:
        tokens = _tokens(text)
        parser = _Parser(tokens, scope)
        value = parser.expression()
        if parser.index != len(tokens):
            raise Unsupported(f"unexpected {tokens[parser.index]!r}")
        return value
    except Unsupported:
        return None


def _tokens(text: str) -> list[str]:
    found: list[str] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise Unsupported(f"cannot read {text[position:]!r}")
        token = match.group().strip()
        if match.group("name") is not None and found and found[-1] not in _BEFORE_OPERAND:
            if token == "*":
                token = "*op"  # multiplication
            elif token not in _OPERATOR_NAMES:
                raise Unsupported(f"a name where an operator belongs: {token}")
        found.append(token)
        position = match.end()
    return found


#: name: (fewest arguments, most arguments (-1: any), what each argument must be, result).
#: Argument kinds: "any", "nodes", "str" (a string, a boolean or at most one node),
#: "num" (a number), "node" (at most one node).
_FUNCTIONS: dict[str, tuple[int, int, str, str]] = {
    "not": (1, 1, "any", BOOLEAN),
    "boolean": (1, 1, "any", BOOLEAN),
    "true": (0, 0, "", BOOLEAN),
    "false": (0, 0, "", BOOLEAN),
    "count": (1, 1, "nodes", NUMBER),
    "position": (0, 0, "", NUMBER),
    "last": (0, 0, "", NUMBER),
    "string-length": (0, 1, "str", NUMBER),
    "normalize-space": (0, 1, "str", STRING),
    "string": (0, 1, "str", STRING),
    "contains": (2, 2, "str", BOOLEAN),
    "starts-with": (2, 2, "str", BOOLEAN),
    "substring-before": (2, 2, "str", STRING),
    "substring-after": (2, 2, "str", STRING),
    "translate": (3, 3, "str", STRING),
    "concat": (2, -1, "str", STRING),
    "substring": (2, 3, "str num num", STRING),
    "name": (0, 1, "node", STRING),
    "local-name": (0, 1, "node", STRING),
    "namespace-uri": (0, 1, "node", STRING),
    "lang": (1, 1, "str", BOOLEAN),
}
#: Functions whose no-argument form reads the context node (not the document node).
_CONTEXT_FUNCTIONS = {"string-length", "normalize-space", "string", "name", "local-name",
                      "namespace-uri", "position", "last", "lang"}  # fmt: skip


class _Parser:
    def __init__(self, tokens: list[str], scope: Scope) -> None:
        self.tokens = tokens
        self.index = 0
        self.scope = scope
        #: Predicate nesting: 0 at the top, where the context is the rule's node.
        self.depth = 0

    # -- tokens --

    def peek(self, offset: int = 0) -> str | None:
        at = self.index + offset
        return self.tokens[at] if at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise Unsupported(f"expected {expected!r}, found {token!r}")
        self.index += 1
        return token

    # -- expressions, loosest first --

    def expression(self) -> Value:
        return self.binary_boolean("or", self.and_expression)

    def and_expression(self) -> Value:
        return self.binary_boolean("and", self.comparison)

    def binary_boolean(self, operator: str, operand: Callable[[], Value]) -> Value:
        left = operand()
        while self.peek() == operator:
            self.take()
            right = operand()
            left = Value(f"{left.text} {operator} {right.text}", BOOLEAN)
        return left

    def comparison(self) -> Value:
        left = self.additive()
        operator = self.peek()
        if operator not in ("=", "!=", "<", "<=", ">", ">=", "eq", "ne"):
            return left
        self.take()
        right = self.additive()
        if self.peek() in ("=", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "le", "gt", "ge"):
            raise Unsupported("chained comparison")
        if operator in ("eq", "ne"):
            # Value comparison: the same as = when both sides are one string or node, or
            # empty (then both give an empty, false result).
            for side in (left, right):
                if not (side.kind == STRING or (side.kind == NODES and side.single)):
                    raise Unsupported("eq/ne on a sequence or a non-string")
            operator = "=" if operator == "eq" else "!="
        kinds = {left.kind, right.kind}
        if operator in ("=", "!="):
            if not (kinds <= {NODES, STRING} or kinds in ({NUMBER}, {BOOLEAN})):
                raise Unsupported(f"comparison of {left.kind} with {right.kind}")
        elif kinds != {NUMBER}:
            raise Unsupported("an ordering comparison of non-numbers")
        return Value(f"{left.text} {operator} {right.text}", BOOLEAN)

    def additive(self) -> Value:
        left = self.multiplicative()
        while self.peek() in ("+", "-"):
            operator = self.take()
            left = self.arithmetic(left, operator, self.multiplicative())
        return left

    def multiplicative(self) -> Value:
        left = self.unary()
        while self.peek() in ("*op", "mod", "div"):
            operator = self.take()
            if operator != "*op":
                # div gives decimals in 2.0 and doubles in 1.0; mod 0 is an error in 2.0.
                raise Unsupported(f"{operator} differs between the versions")
            left = self.arithmetic(left, "*" if operator == "*op" else operator, self.unary())
        return left

    def arithmetic(self, left: Value, operator: str, right: Value) -> Value:
        if left.kind != NUMBER or right.kind != NUMBER:
            raise Unsupported("arithmetic on non-numbers")
        return Value(f"{left.text} {operator} {right.text}", NUMBER)

    def unary(self) -> Value:
        if self.peek() == "-":
            self.take()
            operand = self.unary()
            if operand.kind != NUMBER:
                raise Unsupported("minus of a non-number")
            return Value(f"-{operand.text}", NUMBER)
        return self.union()

    def union(self) -> Value:
        left = self.path()
        while self.peek() == "|":
            self.take()
            right = self.path()
            if left.kind != NODES or right.kind != NODES:
                raise Unsupported("union of non-nodes")
            left = Value(
                f"{left.text} | {right.text}", NODES, False, left.elements and right.elements
            )
        return left

    # -- paths --

    def path(self) -> Value:
        token = self.peek()
        if token is None:
            raise Unsupported("unexpected end")
        if token in ("/", "//"):
            return self.absolute()
        if self.starts_primary(token):
            value = self.filter()
            if self.peek() in ("/", "//"):
                if value.kind != NODES:
                    raise Unsupported("a path from a non-node")
                separator = self.take()
                rest = self.relative()
                return Value(f"{value.text}{separator}{rest.text}", NODES, False, rest.elements)
            return value
        relative = self.relative()
        if self.scope.document and self.depth == 0:
            return self.from_document(relative)
        return relative

    def starts_primary(self, token: str) -> bool:
        if token in ("$", "(") or token[0] in "'\"" or token[0].isdigit() or token[0] == ".":
            return token not in (".", "..")
        following = self.peek(1)
        return following == "(" and token not in ("node", "text", "comment",
                                                   "processing-instruction")  # fmt: skip

    def from_document(self, relative: Value) -> Value:
        """A relative path evaluated at the document node (lxml starts at the root element)."""
        text = relative.text
        if text == ".":
            return Value("/", NODES, True, False)
        if text.startswith("./") or text.startswith(".//"):
            return Value(text[1:], NODES, False, relative.elements)
        if text.startswith(".") or text.startswith("self::"):
            raise Unsupported("self at the document node")
        return Value("/" + text, NODES, False, relative.elements)

    def absolute(self) -> Value:
        separator = self.take()
        following = self.peek()
        if separator == "/" and (following is None or not self.starts_step(following)):
            return Value("/", NODES, True, False)
        rest = self.relative()
        return Value(separator + rest.text, NODES, False, rest.elements)

    def starts_step(self, token: str) -> bool:
        return token in (".", "..", "@") or bool(re.match(r"[A-Za-z_*]", token))

    def relative(self) -> Value:
        steps = [self.step()]
        texts = [steps[0].text]
        single = steps[0].single
        while self.peek() in ("/", "//"):
            separator = self.take()
            step = self.step()
            steps.append(step)
            texts += [separator, step.text]
            single = single and step.single and separator == "/"
        return Value("".join(texts), NODES, single, steps[-1].elements)

    def step(self) -> Value:
        token = self.take()
        if token == ".":
            return Value(".", NODES, True, False)
        if token == "..":
            return Value("..", NODES, True, False)
        axis = "child"
        if token == "@":
            axis = "attribute"
            token = self.take()
        elif self.peek() == "::":
            if token not in _AXES:
                raise Unsupported(f"axis {token}")
            axis = token
            self.take("::")
            token = self.take()
        test, elements = self.node_test(token, axis)
        single = axis in ("self", "parent") or (axis == "attribute" and "*" not in test)
        predicates = []
        while self.peek() == "[":
            text, positional_one = self.predicate()
            predicates.append(text)
            single = single or (positional_one and len(predicates) == 1)
        prefix = "@" if axis == "attribute" else ("" if axis == "child" else f"{axis}::")
        return Value(prefix + test + "".join(predicates), NODES, single, elements)

    def node_test(self, token: str, axis: str) -> tuple[str, bool]:
        """The node test as XPath 1.0, and whether it selects elements only."""
        if self.peek() == "(":
            if token == "text" or (token == "node" and axis in _UPWARD):
                self.take("(")
                self.take(")")
                return f"{token}()", False
            raise Unsupported(f"node test {token}()")
        element_axis = axis != "attribute"
        if token == "*":
            return "*", element_axis
        prefix, _, local = token.rpartition(":")
        if prefix == "*":
            return f"*[local-name() = '{local}']", element_axis
        if prefix and prefix != "xml" and prefix not in self.scope.namespaces:
            raise Unsupported(f"unbound prefix {prefix}")
        if not re.fullmatch(r"[A-Za-z_][\w.\-]*(:([A-Za-z_][\w.\-]*|\*))?", token):
            raise Unsupported(f"name test {token}")
        return token, element_axis

    def predicate(self) -> tuple[str, bool]:
        self.take("[")
        self.depth += 1
        try:
            value = self.expression()
        finally:
            self.depth -= 1
        self.take("]")
        return f"[{value.text}]", value.kind == NUMBER and value.text.strip() == "1"

    # -- primaries --

    def filter(self) -> Value:
        value = self.primary()
        while self.peek() == "[":
            if value.kind != NODES:
                raise Unsupported("a predicate on a non-node")
            text, first = self.predicate()
            value = Value(f"{value.text}{text}", NODES, value.single or first, value.elements)
        return value

    def primary(self) -> Value:
        token = self.take()
        if token == "$":
            name = self.take()
            if name not in self.scope.variables:
                raise Unsupported(f"variable ${name} is not an lxml one")
            self.scope.uses.add(name)
            known = self.scope.variables[name]
            return Value(f"${name}", known.kind, known.single, known.elements)
        if token == "(":
            inner = self.expression()
            self.take(")")
            return Value(f"({inner.text})", inner.kind, inner.single, inner.elements)
        if token[0] in "'\"":
            return Value(token, STRING)
        if token[0].isdigit() or token[0] == ".":
            if not token.isdigit():
                raise Unsupported("a decimal literal")
            return Value(token, NUMBER)
        return self.call(token)

    def call(self, name: str) -> Value:
        self.take("(")
        arguments: list[Value] = []
        if self.peek() != ")":
            arguments.append(self.argument())
            while self.peek() == ",":
                self.take()
                arguments.append(self.argument())
        self.take(")")
        if name == "current" and not arguments:
            if not self.scope.current:
                raise Unsupported("current() outside a rule")
            self.scope.uses_current = True
            return Value(f"${CURRENT}", NODES, True, True)
        if name not in _FUNCTIONS:
            raise Unsupported(f"function {name}()")
        fewest, most, kinds, result = _FUNCTIONS[name]
        if len(arguments) < fewest or (most >= 0 and len(arguments) > most):
            raise Unsupported(f"{name}() with {len(arguments)} arguments")
        if not arguments and name in _CONTEXT_FUNCTIONS:
            if self.scope.document and self.depth == 0:
                raise Unsupported(f"{name}() at the document node")
            if name in ("position", "last") and self.depth == 0:
                self.scope.positional = True
        wanted = kinds.split() or [""]
        for index, argument in enumerate(arguments):
            _check_argument(name, wanted[min(index, len(wanted) - 1)], argument)
        text = f"{name}({', '.join(a.text for a in arguments)})"
        return Value(text, result)

    def argument(self) -> Value:
        return self.expression()


def _check_argument(function: str, kind: str, value: Value) -> None:
    ok = {
        "any": True,
        "nodes": value.kind == NODES,
        "node": value.kind == NODES and value.single,
        "num": value.kind == NUMBER,
        "str": value.kind in (STRING, BOOLEAN) or (value.kind == NODES and value.single),
    }.get(kind, False)
    if not ok:
        raise Unsupported(f"{function}() given {value.kind}")


def context_paths(text: str, scope: Scope) -> list[str] | None:
    """A rule context (an XSLT pattern) as XPath 1.0 paths that select, from any node of
    the document, exactly the elements it matches (a relative pattern P matches the nodes
    of ``//P``); None unless every alternative is a location path that selects elements."""
    try:
        tokens = _tokens(text)
        parser = _Parser(tokens, scope)
        found = []
        while True:
            if parser.peek() in ("$", "(") or parser.peek() is None:
                raise Unsupported("a context that is not a location path")
            if parser.peek(1) == "(" and parser.peek() not in ("node", "text"):
                raise Unsupported("a context that starts with a function")
            value = parser.path()
            if value.kind != NODES or not value.elements:
                raise Unsupported("a context that may match other nodes than elements")
            found.append(value.text if value.text.startswith("/") else "//" + value.text)
            if parser.peek() != "|":
                break
            parser.take()
        if parser.index != len(tokens):
            raise Unsupported(f"unexpected {tokens[parser.index]!r}")
        return found
    except Unsupported:
        return None
