"""A deterministic corpus of hostile cables, for the security tests.

Every payload that could run would set ``window.__pwned`` or call ``alert``; the
browser test traps both. Three shapes of the same hostility:

- ``hostile_cables()``: `Cable` records with valid ids and dates whose every
  text field (subject, origin, classification, tags, references, body, sources)
  carries payloads. They build into a site that must show them as text.
- ``path_attacks()``: values that would become paths (ids, dates, tags,
  origins) and try to leave ``--out``/``--content``.
- ``hostile_csv()`` / ``hostile_sources()``: raw source bytes for
  ``cablesite import`` (invalid UTF-8, NUL bytes, 1 MB lines, hostile ids).

Nothing here is random: the same corpus every run, so a failure names its case.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.cable import Cable, Source

PWN = "window.__pwned=1"
BASE_URL = "https://example.org/archive/"  # the sites are built with it (sitemap, feed)

# Markup and script that must show as text wherever it lands.
MARKUP = (
    f"<script>{PWN}</script>",
    f"<SCRIPT SRC=//127.0.0.1:9/x.js></SCRIPT><script>{PWN}</script>",
    f"<img src=x onerror={PWN}>",
    f'<img src="x" onerror="{PWN}">',
    f"<svg onload={PWN}>",
    f"<svg><script>{PWN}</script></svg>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={PWN}>",
    f'<iframe src="javascript:{PWN}"></iframe>',
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    f'<object data="javascript:{PWN}"></object>',
    f'<embed src="javascript:{PWN}">',
    f'<a href="javascript:{PWN}">click</a>',
    f'<a href="JaVaScRiPt:{PWN}">click</a>',
    f'<a href=" &#14;javascript:{PWN}">click</a>',
    f'<form action="javascript:{PWN}"><button>go</button></form>',
    f'<body onload="{PWN}">',
    f'<details open ontoggle="{PWN}">',
    f'<input autofocus onfocus="{PWN}">',
    f"<video><source onerror={PWN}></video>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="data:text/css,*{color:red}">',
    "<style>*{display:none}</style>",
    "<div style=\"background:url('javascript:alert(1)')\">styled</div>",
    # breakouts from the elements the theme puts text into
    f"</pre><script>{PWN}</script><pre>",
    f"</textarea><script>{PWN}</script>",
    f"</script><script>{PWN}</script>",
    f"</title><script>{PWN}</script>",
    f"</style><script>{PWN}</script>",
    f"</noscript><script>{PWN}</script>",
    f"</details></summary><script>{PWN}</script>",
    f"</a><script>{PWN}</script>",
    f"</h1></main><script>{PWN}</script>",
    # attribute breakouts (tags and origins become hrefs and titles)
    f'" onmouseover="{PWN}" x="',
    f"' onmouseover='{PWN}' x='",
    f'"><script>{PWN}</script>',
    f"'><script>{PWN}</script>",
    f"` onmouseover={PWN} `",
    f"x onmouseover={PWN}",
    f'"/><img src=x onerror={PWN}>',
    # comments, CDATA, processing instructions, unbalanced tags
    "<!--",
    "-->",
    f"<!-- --><script>{PWN}</script><!-- -->",
    f"<!--><script>{PWN}</script>-->",
    f"<![CDATA[<script>{PWN}</script>]]>",
    "]]>",
    "<?xml version='1.0'?>",
    "<!DOCTYPE html>",
    "<b><i>unbalanced",
    "</div></div></div></body></html>",
    "<table><tr><td>",
    "<pre>",
    "<",
    ">",
    "&",
    # entities must not be decoded twice
    f"&lt;script&gt;{PWN}&lt;/script&gt;",
    f"&#60;script&#62;{PWN}&#60;/script&#62;",
    "&amp;lt;b&amp;gt;",
    # templates of other engines, and ours (Jinja2 must never see cable text as a template)
    "{{ 7*7 }}",
    "{% raw %}{{ config }}{% endraw %}",
    "{{ self.__init__.__globals__ }}",
    "${alert(1)}",
    "#{alert(1)}",
)

# Bare schemes where a value may become a link.
URL_SCHEMES = (
    f"javascript:{PWN}",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "//evil.example/x",
    "https://evil.example/",
    "file:///etc/passwd",
)

# Unicode that reorders, hides or breaks text.
UNICODE = (
    "\u202eevil\u202c text",  # right-to-left override
    "\u2066isolate\u2069",
    "zero\u200bwidth\u200c\u200djoin\u2060ers",
    "\ufeffbom inside",
    "line\u2028separator\u2029paragraph",
    "nel\x85here",
    "e\u0301\u0301\u0301 combining",
    "\U0001f4a9 astral",
    "\ufffd replacement",
    "tab\there\vvertical\fform",
    "esc\x1b[31mred\x1b[0m",
    "nul\x00byte",
    "del\x7fchar",
)

# Strings YAML would read as something else if the front matter were not quoted.
YAML = (
    "key: value",
    "---",
    "...",
    "!!python/object/apply:os.system ['echo pwned']",
    "!!binary aGVsbG8=",
    "&anchor *anchor",
    "- list item",
    "? complex key",
    "@reserved",
    "%YAML 1.1",
    "null",
    "yes",
    "0x1F",
    "[1, 2",
    "{a: 1",
    "# comment",
    "| block",
    "> folded",
)

ALL_PAYLOADS = MARKUP + URL_SCHEMES + UNICODE + YAML

# Values that would become a path: ids, tags, origins, classifications.
PATH_NAMES = (
    "../../etc/passwd",
    "..",
    ".",
    "../..",
    "/etc/passwd",
    "07ASTANA/../../x",
    "07ASTANA614/..",
    "..\\..\\windows\\win.ini",
    "C:\\x",
    "CON",
    "nul",
    "aux.txt",
    "a/b",
    "Embassy/Consulate",
    "SECRET//NOFORN/../..",
    "%2e%2e%2fetc",
    "~root",
    "-rf",
    ".hidden",
    "x" * 120,
    "\x00",
    "a\nb",
    " ",
    "",
)


@dataclass(frozen=True)
class PathAttack:
    """A cable whose ``field`` holds a value that must not become a path outside the site."""

    name: str
    field: str
    value: str


def _id(number: int) -> str:
    return f"10HOSTILE{number}"


def _created(number: int) -> str:
    return f"2010-{1 + number % 12:02d}-{1 + number % 28:02d}T{number % 24:02d}:{number % 60:02d}"


def _body(payload: str, tags: tuple[str, ...], refs: tuple[str, ...]) -> str:
    """A telegram with the payload in header, TAGS, SUBJECT, REF and a numbered paragraph."""
    return (
        f"VZCZC {payload}\nDE RUEHXX #0001 {payload}\n\n"
        f"E.O. 12958: N/A\nTAGS: {' '.join(tags)}\nSUBJECT: {payload}\n\n"
        f"REF: {' '.join(refs)}\n\n"
        f"1. (U) {payload}\n\n2. {payload} end.\n"
    )


def _cable(number: int, payload: str, **fields: object) -> Cable:
    tags = fields.pop("tags", ("PHUM",))
    refs = fields.pop("references", ())
    values: dict[str, object] = {
        "id": _id(number),
        "created": _created(number),
        "released": "2011-08-30T01:44",
        "classification": "UNCLASSIFIED",
        "origin": "Embassy Hostile",
        "subject": payload,
        "tags": tags,
        "references": refs,
        "body": _body(payload, tags, refs),  # type: ignore[arg-type]
        "sources": (Source(f"{payload}.txt", payload, "0" * 64),),
    }
    values.update(fields)
    return Cable(**values)  # type: ignore[arg-type]


def hostile_cables() -> list[Cable]:
    """Cables with valid ids and dates, hostile everywhere else (one payload each)."""
    cables: list[Cable] = []
    for number, payload in enumerate(ALL_PAYLOADS, start=1):
        kind = number % 4
        if kind == 0:
            extra = {"origin": payload}
        elif kind == 1:
            extra = {"tags": (payload, "PHUM")}
        elif kind == 2:
            extra = {"classification": payload}
        else:
            extra = {"references": (payload, _id(1))}
        cables.append(_cable(number, payload, **extra))
    base = len(cables) + 1
    for offset, name in enumerate(PATH_NAMES):
        tags = (name,) if name else ()  # an empty tag is one of BUILD_BREAKERS
        cables.append(_cable(base + offset, f"path name {name!r}", tags=tags, origin=name))
    cables += _special_cables(base + len(PATH_NAMES))
    return cables


def _special_cables(start: int) -> list[Cable]:
    """Sizes and shapes: a 1 MB line, a body of NULs, every payload in one cable."""
    megabyte = "A" * 1_000_000
    everything = "\n\n".join(f"{n}. {p}" for n, p in enumerate(ALL_PAYLOADS, start=1))
    return [
        _cable(start, "one megabyte line", body=f"1. {megabyte}\n"),
        _cable(start + 1, "nul bytes", body="\x00" * 1000 + "\n1. text after nuls\x00\n"),
        _cable(start + 2, "every payload", body=everything, tags=ALL_PAYLOADS[:40]),
        _cable(start + 3, "empty everything", subject=None, origin=None, body="", tags=()),
        _cable(start + 4, "only whitespace", subject="   ", body="\n\n\n", tags=(" ",)),
    ]


def glossary_yaml() -> str:
    """A tags.yaml whose meanings (shown in title attributes) are hostile too."""
    import json

    lines = [f"{json.dumps(p)}: {json.dumps('meaning ' + p)}" for p in MARKUP[:30]]
    lines.append(f"PHUM: {json.dumps(MARKUP[0])}")
    return "\n".join(lines) + "\n"


def path_attacks() -> list[PathAttack]:
    """Front-matter values that would become a path, one field at a time."""
    attacks = [PathAttack(f"id {v!r}", "id", v) for v in PATH_NAMES if v]
    attacks += [PathAttack(f"tag {v!r}", "tags", v) for v in PATH_NAMES if v]  # "": BUILD_BREAKERS
    attacks += [PathAttack(f"origin {v!r}", "origin", v) for v in PATH_NAMES]
    attacks += [PathAttack(f"classification {v!r}", "classification", v) for v in PATH_NAMES]
    return attacks


# A plain name this long is a folder name over the 255-byte limit of most file systems.
LONG_NAME = "X" * 300

# Single values that (still) make the whole build fail; tested one by one.
BUILD_BREAKERS = (
    PathAttack("empty tag", "tags", ""),
    PathAttack("300-character tag", "tags", LONG_NAME),
    PathAttack("300-character origin", "origin", LONG_NAME),
)

# Dates are sliced into folder names (YYYY/MM, YYYY-MM-DD): a malformed one must
# not become "..". Eight characters are enough to leave the output folder.
DATE_ATTACKS = (
    "../.x..",
    "../../.x",
    "../../..",
    "../../../../x",
    "..//....",
    "/etc/pa",
    "2007/../../x",
    "2007-../..",
)


def date_attacks() -> list[PathAttack]:
    attacks = [PathAttack(f"created {v!r}", "created", v) for v in DATE_ATTACKS]
    attacks += [PathAttack(f"released {v!r}", "released", v) for v in DATE_ATTACKS]
    return attacks


def attack_cable(number: int, attack: PathAttack) -> Cable:
    value: object = (attack.value,) if attack.field == "tags" else attack.value
    return _cable(number, f"attack {attack.name}", **{attack.field: value})


# -- raw sources for `cablesite import` ---------------------------------------------------


def _csv_field(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def csv_row(number: int, cable_id: str, origin: str, body: str, refs: str = "") -> str:
    fields = [str(number), "08/30/2010 01:44", cable_id, origin, "SECRET", refs, "", body]
    return ",".join(_csv_field(f) for f in fields) + "\n"


BAD_IDS = tuple(v for v in PATH_NAMES if v) + (
    "07ASTANA614\n",
    "07ASTANA614/",
    "07astana614",
    "07ASTANA614.md",
    "07ASTANA614 ",
    "\u0661\u0662ASTANA614",  # Arabic-Indic digits are digits to \d, not to us
    "07ASTANA\u0661",
    "07ＡSTANA614",  # fullwidth letter
    "<script>",
)


def hostile_csv() -> tuple[bytes, int]:
    """A cables.csv: good rows with hostile text, rows with bad ids, broken bytes.

    Returns (the file's bytes, how many rows are good).
    """
    rows: list[bytes] = []
    good = 0
    for number, payload in enumerate(ALL_PAYLOADS, start=1):
        # "end." keeps a payload ending in a quote off the field's end (see QUOTE_AT_END).
        body = f"TAGS: PHUM {payload}\nSUBJECT: {payload}\n\n1. {payload}\nend.\n"
        rows.append(csv_row(number, f"08CSVHOSTILE{number}", payload, body, payload).encode())
        good += 1
    start = len(ALL_PAYLOADS) + 1
    for offset, bad in enumerate(BAD_IDS):
        rows.append(csv_row(start + offset, bad, "Embassy X", "SUBJECT: bad id\n").encode())
    start += len(BAD_IDS)
    rows.append(csv_row(start, "08CSVBROKEN1", "Embassy X", "x").encode()[:-20] + b"\xff\xfe\n")
    rows.append(
        csv_row(start + 1, "08CSVBROKEN2", "X", "SUBJECT: bad \udcff").encode(
            "utf-8", "surrogateescape"
        )
    )
    rows.append(csv_row(start + 2, "08CSVBIG1", "Embassy X", "1. " + "B" * 1_000_000).encode())
    good += 1
    return b"".join(rows), good


# A body whose last line ends with a quote: the escaped quote, the newline and the
# field's closing quote look like the end of a row to the CSV reader.
QUOTE_AT_END = 'SUBJECT: QUOTED\n\n1. He said "no."\n'


def hostile_sources() -> dict[str, bytes]:
    """Text files for the importer: hostile headers, invalid UTF-8, NULs, a 1 MB line."""
    head = "Reference ID Created Released Classification Origin\n"
    files: dict[str, bytes] = {}
    for number, bad in enumerate(BAD_IDS, start=1):
        line = f"{bad} 2007-04-25 10:24 2011-08-30 01:44 UNCLASSIFIED Embassy Astana\n"
        files[f"badid{number:02d}.txt"] = (head + line + "\nSUBJECT: x\n\n1. text\n").encode()
    good = "07TXTHOSTILE1 2007-04-25 10:24 2011-08-30 01:44 UNCLASSIFIED Embassy Astana\n"
    text = head + good + "\nTAGS: PHUM\nSUBJECT: <script>window.__pwned=1</script>\n\n1. text\n"
    files["invalid_utf8.txt"] = text.encode() + b"\xff\xfe\xc3\x28 tail\n"
    files["nul_bytes.txt"] = text.replace("1. text", "1. te\x00xt").encode()
    files["megabyte_line.txt"] = (text + "2. " + "C" * 1_000_000 + "\n").encode()
    files["only_garbage.txt"] = bytes(range(256)) * 64
    files["empty.txt"] = b""
    return files
