"""Site lists as columns: how the snapshot file stores ``sites`` and ``peak.sites``.

A snapshot can hold hundreds of thousands of sites. Written as one JSON object per site, the
file repeats six key names per site and its reader builds an object per site just to read
them; as one array per field it is about a third smaller and a third quicker to read.
The fields every site has (string indexes for ``file``, ``text`` and ``function``, -1 when
there is no text or function) are columns of equal length, row N being site N; the rare
fields are lists of ``[row, value…]`` entries for the rows that have them:

    {"file": [0, 0], "line": [3, 9], "text": [1, -1], "function": [2, 2],
     "size": [4096, -64], "count": [2, -1],
     "repeats": [[1, [-64, 0, -64], [-1, 0, -1]]],      # sizes, counts of every repeat
     "tracebacks": [[0, [{"size": 4096, "count": 2, "frames": [...]}]]]}

``repeats`` and ``tracebacks`` are left out when no row has them. That is the table in the
document the harness builds; the file stores its six columns as binary arrays (``pack``).
"""

import array
import sys

COLUMNS = ("file", "line", "text", "function", "size", "count")
NONE = -1


def encode(sites):
    """Site dicts (string indexes, see snapshot.py) to the column form above."""
    table = {column: [] for column in COLUMNS}
    file, line, text, function, size, count = (table[column] for column in COLUMNS)
    repeats = []
    tracebacks = []
    for row, site in enumerate(sites):
        file.append(site["file"])
        line.append(site["line"])
        text.append(site.get("text", NONE))
        function.append(site.get("function", NONE))
        size.append(site["size"])
        count.append(site["count"])
        if "sizes" in site:
            repeats.append([row, site["sizes"], site["counts"]])
        if "tracebacks" in site:
            tracebacks.append([row, site["tracebacks"]])
    if repeats:
        table["repeats"] = repeats
    if tracebacks:
        table["tracebacks"] = tracebacks
    return table


def decode(table):
    """The column form back to a list of site dicts (string indexes unresolved). Raises
    ValueError when the columns differ in length or an entry names a row that is not there."""
    rows = len(table["line"])
    for column in COLUMNS:
        if len(table[column]) != rows:
            raise ValueError(
                "site column %s has %d entries, not %d" % (column, len(table[column]), rows)
            )
    for field in ("repeats", "tracebacks"):
        for entry in table.get(field, ()):
            if not 0 <= entry[0] < rows:
                raise ValueError("site %s entry names row %r of %d" % (field, entry[0], rows))
    sites = []
    for file, line, text, function, size, count in zip(*(table[column] for column in COLUMNS)):
        site = {"file": file, "line": line}
        if text != NONE:
            site["text"] = text
        if function != NONE:
            site["function"] = function
        site["size"] = size
        site["count"] = count
        sites.append(site)
    for row, sizes, counts in table.get("repeats", ()):
        sites[row]["sizes"] = sizes
        sites[row]["counts"] = counts
    for row, site_tracebacks in table.get("tracebacks", ()):
        sites[row]["tracebacks"] = site_tracebacks
    return sites


# On disk (snapshot.py's write_snapshot), the six columns of a table are binary, little-endian,
# after the file's JSON header: ``size`` and ``count`` as 64-bit floats (whole numbers, exact up
# to 2**53), then ``file`` and ``line`` as unsigned and ``text`` and ``function`` as signed 32-bit
# integers. The header keeps the table's rare fields and says where its rows are:
# ``{"rows": N, "at": OFFSET, "repeats": [...], "tracebacks": [...]}``, OFFSET counted from the
# first byte after the header and a multiple of 8.
BINARY = (("size", "d"), ("count", "d"), ("file", "I"), ("line", "I"), ("text", "i"),
          ("function", "i"))
ROW_BYTES = sum(8 if code == "d" else 4 for _, code in BINARY)
RARE = ("repeats", "tracebacks")


def typecode(code):
    """The ``array`` type code of ``code``'s width: 4 bytes for ``I``/``i`` (C's int nearly
    everywhere, else its long)."""
    if code == "d":
        return code
    for candidate in (code, "L" if code == "I" else "l"):
        if array.array(candidate).itemsize == 4:
            return candidate
    raise ValueError("this platform has no 4-byte integer array type")


def little_endian(values):
    if sys.byteorder == "big":
        values.byteswap()
    return values


def pack(table, body):
    """Append the table's columns to ``body`` (a bytearray, 8-byte aligned) and return the
    header's entry for it."""
    rows = len(table["line"])
    for column in COLUMNS:
        if len(table[column]) != rows:
            raise ValueError(
                "site column %s has %d entries, not %d" % (column, len(table[column]), rows)
            )
    header = {"rows": rows, "at": len(body)}
    for column, code in BINARY:
        body += little_endian(array.array(typecode(code), table[column])).tobytes()
    body += bytes(-len(body) % 8)
    for field in RARE:
        if field in table:
            header[field] = table[field]
    return header


def unpack(header, body):
    """The table a header entry describes, its columns read from ``body`` (``pack`` reversed).
    Raises ValueError when the entry is malformed or its rows are not all in ``body``."""
    if not isinstance(header, dict) or set(header) - {"rows", "at", *RARE}:
        raise ValueError("a site table is not {rows, at, repeats?, tracebacks?}: %r" % (header,))
    rows, at = header.get("rows"), header.get("at")
    for name, value in (("rows", rows), ("at", at)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError("a site table's %s is %r, not a whole number" % (name, value))
    if at % 8 or at + rows * ROW_BYTES > len(body):
        raise ValueError(
            "a site table of %d rows at byte %d does not fit the %d bytes after the header"
            % (rows, at, len(body))
        )
    table = {}
    for column, code in BINARY:
        values = array.array(typecode(code))
        end = at + rows * values.itemsize
        values.frombytes(body[at:end])
        at = end
        table[column] = [int(value) for value in little_endian(values)] if code == "d" else (
            little_endian(values).tolist()
        )
    table = {column: table[column] for column in COLUMNS}
    for field in RARE:
        if field in header:
            table[field] = header[field]
    return table
