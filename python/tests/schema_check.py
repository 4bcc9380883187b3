"""Checks a snapshot against the contract, allocdiff_harness/snapshot.schema.json (written from
src/capture/snapshot.ts; the TypeScript side refuses a snapshot that does not match it).

Stdlib only: this knows the JSON Schema keywords that file uses and refuses a schema with any
other, so a new keyword cannot pass unchecked.
"""

from __future__ import annotations

import json
import math

from allocdiff_harness.snapshot import SCHEMA_FILE

# Keywords that say nothing about the value.
ANNOTATIONS = {"$schema", "title", "description"}
KEYWORDS = ANNOTATIONS | {
    "type", "properties", "required", "additionalProperties", "items", "prefixItems",
    "minItems", "maxItems", "const", "enum", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "anyOf",
}


def load_schema() -> dict:
    with open(SCHEMA_FILE, encoding="utf-8") as file:
        return json.load(file)


def _is_number(value) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _has_type(value, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if name == "integer":
        return _is_number(value) and float(value).is_integer()
    if name == "number":
        return _is_number(value)
    raise ValueError("schema type %r is not one this checker knows" % name)


def problems(value, schema: dict, path: str = "") -> list:
    """Every way ``value`` breaks ``schema``, as ``path: what`` lines."""
    unknown = set(schema) - KEYWORDS
    if unknown:
        raise ValueError("%s: schema keywords this checker does not know: %s"
                         % (path or "(top level)", sorted(unknown)))
    where = path or "(top level)"
    found = []
    if "anyOf" in schema:
        tried = [problems(value, option, path) for option in schema["anyOf"]]
        if all(tried):
            return ["%s: %r matches none of its %d forms (%s)"
                    % (where, value, len(tried), "; ".join(lines[0] for lines in tried))]
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_has_type(value, name) for name in types):
            return ["%s: %r is not of type %s" % (where, value, "/".join(types))]
    if "const" in schema and value != schema["const"]:
        found.append("%s: %r is not %r" % (where, value, schema["const"]))
    if "enum" in schema and value not in schema["enum"]:
        found.append("%s: %r is not one of %r" % (where, value, schema["enum"]))
    if _is_number(value):
        if "minimum" in schema and value < schema["minimum"]:
            found.append("%s: %r is below %r" % (where, value, schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            found.append("%s: %r is above %r" % (where, value, schema["maximum"]))
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            found.append("%s: %r is not above %r" % (where, value, schema["exclusiveMinimum"]))
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            found.append("%s: %r is not below %r" % (where, value, schema["exclusiveMaximum"]))
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                found.append("%s: %r is missing" % (where, key))
        for key, item in value.items():
            if key in properties:
                found += problems(item, properties[key], "%s.%s" % (path, key) if path else key)
            elif schema.get("additionalProperties", True) is False:
                found.append("%s: %r is not a field of the schema" % (where, key))
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            found.append("%s: fewer than %d items" % (where, schema["minItems"]))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            found.append("%s: more than %d items" % (where, schema["maxItems"]))
        prefix = schema.get("prefixItems", [])
        for index, item in enumerate(value):
            item_schema = prefix[index] if index < len(prefix) else schema.get("items")
            if item_schema is not None:
                found += problems(item, item_schema, "%s[%d]" % (path, index))
    return found


def check_snapshot(document: dict) -> None:
    """Raise AssertionError listing what in ``document`` the schema does not allow."""
    found = problems(document, load_schema())
    if found:
        shown = found[:20] + (["... and %d more" % (len(found) - 20)] if len(found) > 20 else [])
        raise AssertionError("the snapshot does not match snapshot.schema.json:\n  "
                             + "\n  ".join(shown))
