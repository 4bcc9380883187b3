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

``repeats`` and ``tracebacks`` are left out when no row has them.
"""

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
