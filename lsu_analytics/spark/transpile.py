"""DuckDB SQL of the rules -> Spark SQL, through sqlglot, with what sqlglot cannot know done in the open.

A rule reads its parameters with getvariable() and may call the contract's macros (contract/macros.sql);
Spark has neither: the parameters become literals and the macros are expanded in the tree. Where the
translation is not faithful the rule has a Spark variant, `<rules dir>/spark/<ID>.sql`, held equal to the
DuckDB rule by tests/spark/test_spark_equivalence.py.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import sqlglot
from sqlglot import exp

MACROS_SQL = Path(__file__).resolve().parents[1] / "contract" / "macros.sql"
_MACRO = re.compile(r"CREATE\s+OR\s+REPLACE\s+TEMP\s+MACRO\s+(\w+)\s*\(([^)]*)\)\s+AS\s+(.*?);", re.S | re.I)


class TranspileError(ValueError):
    """A rule cannot be translated to Spark SQL; the message (French) names the rule and what to do."""


def contract_macros() -> dict[str, tuple[list[str], exp.Expression]]:
    """name -> (parameters, body) of the contract's macros."""
    text = "\n".join(line for line in MACROS_SQL.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("--"))
    return {m.group(1).lower(): ([p.strip() for p in m.group(2).split(",") if p.strip()],
                                 sqlglot.parse_one(m.group(3), read="duckdb"))
            for m in _MACRO.finditer(text)}


def _literal(value) -> exp.Expression:
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int):
        return exp.Literal.number(value)
    if isinstance(value, datetime):
        return exp.cast(exp.Literal.string(value.strftime("%Y-%m-%d %H:%M:%S")), "TIMESTAMP")
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return exp.Array(expressions=[exp.Struct(expressions=[
            exp.PropertyEQ(this=exp.to_identifier(k), expression=_literal(v)) for k, v in row.items()])
            for row in value])
    return exp.Literal.string(str(value))


def _replace_variables(tree: exp.Expression, variables: dict, rule_id: str) -> exp.Expression:
    def visit(node):
        if isinstance(node, exp.Anonymous) and node.name.lower() == "getvariable" \
                or type(node).__name__ == "GetVariable":
            name = node.expressions[0].name if isinstance(node, exp.Anonymous) else node.this.name
            if name not in variables:
                raise TranspileError(f"{rule_id} : variable « {name} » inconnue pour Spark ; "
                                     f"variables connues : {', '.join(sorted(variables))}.")
            return _literal(variables[name])
        return node
    return tree.transform(visit)


def _expand_macros(tree: exp.Expression, macros: dict) -> exp.Expression:
    def visit(node):
        if isinstance(node, exp.Anonymous) and node.name.lower() in macros:
            params, body = macros[node.name.lower()]
            args = dict(zip(params, node.expressions))
            return body.copy().transform(
                lambda n: args[n.name].copy() if isinstance(n, exp.Column) and n.name in args and not n.table else n)
        return node
    return tree.transform(visit)


def _format_to_concat(node: exp.Format) -> exp.Expression:
    """DuckDB format('a {} b', x): sqlglot keeps the {} for Spark's printf-style format_string. concat()
    gives the same text, and NULL when an argument is NULL, like DuckDB's format."""
    template = node.this
    if not isinstance(template, exp.Literal) or not template.is_string:
        raise TranspileError("format() sans modèle littéral")
    pieces = template.this.split("{}")
    args = node.expressions
    if len(pieces) != len(args) + 1:
        raise TranspileError(f"format('{template.this}') : {len(pieces) - 1} emplacements pour {len(args)} valeurs")
    parts: list[exp.Expression] = []
    for i, piece in enumerate(pieces):
        if piece:
            parts.append(exp.Literal.string(piece))
        if i < len(args):
            parts.append(exp.cast(args[i], "STRING"))
    return exp.Anonymous(this="CONCAT", expressions=parts)


def _compare(left: exp.Expression, right: exp.Expression, ordered: exp.Ordered, then: exp.Expression):
    """-1/0/1 of two values of one ORDER BY key, DuckDB's NULL order (last unless NULLS FIRST)."""
    asc = not ordered.args.get("desc")
    nulls_first = bool(ordered.args.get("nulls_first"))
    one, minus = exp.Literal.number(1), exp.Literal.number(-1)
    return exp.Case(ifs=[
        exp.If(this=exp.and_(left.is_(exp.null()), right.is_(exp.null())), true=then),
        exp.If(this=left.is_(exp.null()), true=minus if nulls_first else one),
        exp.If(this=right.is_(exp.null()), true=one if nulls_first else minus),
        exp.If(this=exp.LT(this=left, expression=right), true=minus if asc else one),
        exp.If(this=exp.GT(this=left, expression=right), true=one if asc else minus),
    ], default=then)


def _ordered_first(node: exp.First) -> exp.Expression:
    """DuckDB first(x ORDER BY k...): Spark has no ordered aggregate; the group's (k..., x) are sorted with
    an explicit comparator (DuckDB's NULL order) and the first x is kept."""
    order: exp.Order = node.this
    keys = order.expressions
    fields = [exp.PropertyEQ(this=exp.to_identifier(f"k{i}"), expression=k.this.copy()) for i, k in enumerate(keys)]
    fields.append(exp.PropertyEQ(this=exp.to_identifier("v"), expression=order.this.copy()))
    comparator: exp.Expression = exp.Literal.number(0)
    for i in reversed(range(len(keys))):
        comparator = _compare(exp.column(f"k{i}", table="l"), exp.column(f"k{i}", table="r"), keys[i], comparator)
    lam = exp.Lambda(this=comparator, expressions=[exp.to_identifier("l"), exp.to_identifier("r")])
    sorted_rows = exp.Anonymous(this="ARRAY_SORT", expressions=[
        exp.Anonymous(this="COLLECT_LIST", expressions=[exp.Struct(expressions=fields)]), lam])
    first = exp.Anonymous(this="ELEMENT_AT", expressions=[sorted_rows, exp.Literal.number(1)])
    return exp.Dot(this=exp.Paren(this=first), expression=exp.to_identifier("v"))


_STRFTIME = {"%Y": "yyyy", "%m": "MM", "%d": "dd", "%H": "HH", "%M": "mm", "%S": "ss"}


def _java_pattern(strftime: str, rule_id: str) -> str:
    """strftime format -> Spark's pattern, literal letters quoted (sqlglot leaves the T of ISO bare)."""
    out, i = [], 0
    while i < len(strftime):
        if strftime[i] == "%":
            code = strftime[i:i + 2]
            if code not in _STRFTIME:
                raise TranspileError(f"{rule_id} : strftime {code} sans équivalent Spark connu ; "
                                     "écrire une variante Spark de la règle.")
            out.append(_STRFTIME[code])
            i += 2
            continue
        j = i
        while j < len(strftime) and strftime[j] != "%":
            j += 1
        text = strftime[i:j]
        out.append("".join(f"'{c}'" if c.isalpha() else ("''" if c == "'" else c) for c in text))
        i = j
    return "".join(out)


def _spark_gaps(tree: exp.Expression, rule_id: str) -> exp.Expression:
    """What sqlglot translates unfaithfully for Spark, rewritten in the tree. transform() does not visit
    inside a replaced node: each replacement is transformed in turn (nested format() calls)."""
    def visit(node):
        new = rewrite(node)
        return node if new is node else new.transform(visit)

    def rewrite(node):
        if isinstance(node, exp.TimeToStr) and isinstance(node.args.get("format"), exp.Literal):
            # Formatted by hand: sqlglot's translation leaves ISO's "T" unquoted (a pattern letter in Spark).
            return exp.Anonymous(this="DATE_FORMAT", expressions=[
                node.this, exp.Literal.string(_java_pattern(node.args["format"].this, rule_id))])
        if type(node).__name__ == "ToDays" or isinstance(node, exp.Anonymous) and node.name.lower() == "to_days":
            # DuckDB to_days(n): an interval of n days (DATE + it is a TIMESTAMP, as in Spark).
            days = node.this if type(node).__name__ == "ToDays" else node.expressions[0]
            return exp.Anonymous(this="MAKE_DT_INTERVAL", expressions=[days])
        if isinstance(node, exp.Format):
            try:
                return _format_to_concat(node)
            except TranspileError as e:
                raise TranspileError(f"{rule_id} : {e} ; écrire une variante Spark de la règle.") from None
        if isinstance(node, exp.RegexpFullMatch) and isinstance(node.expression, exp.Literal):
            return exp.RegexpLike(this=node.this, expression=exp.Literal.string(f"^(?:{node.expression.this})$"))
        if isinstance(node, exp.First) and isinstance(node.this, exp.Order):
            return _ordered_first(node)
        if isinstance(node, exp.Explode) and any(
                isinstance(e, exp.PropertyEQ) and e.name == "recursive" for e in node.expressions):
            # unnest(list of structs, recursive := true): one column per field, as Spark's inline().
            return exp.Anonymous(this="INLINE", expressions=[node.this])
        return node
    return tree.transform(visit)


def to_spark(sql: str, variables: dict, rule_id: str = "?", read: str = "duckdb") -> str:
    """One rule's DuckDB SELECT -> Spark SQL, parameters as literals, macros expanded."""
    try:
        tree = sqlglot.parse_one(sql, read=read)
    except sqlglot.ParseError as e:
        raise TranspileError(f"{rule_id} : SQL illisible par sqlglot ({e}).") from None
    tree = _expand_macros(_replace_variables(tree, variables, rule_id), contract_macros())
    return _spark_gaps(tree, rule_id).sql(dialect="spark", pretty=True)
