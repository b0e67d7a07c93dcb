"""The map page: one self-contained HTML file, and a compact form for notebooks.

The page inlines vis-network, relgraph's script and style, and the map's data as JSON; it
loads nothing and sets a Content-Security-Policy that lets only those scripts run (by hash).
The compact form (for Jupyter) carries vis-network, the script and the data gzip-compressed
and base64-encoded; a small loader unpacks them in the browser (``DecompressionStream``)
and inserts them as scripts whose hashes the policy lists, so a notebook stays small.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html as _html
import json
import re
from typing import Any

from relgraph.locale import LANGUAGES
from relgraph.text import say
from relgraph.viz.vis_assets import app_css, app_js, vis_js

__all__ = ["json_for_script", "page", "sha256_source"]


def json_for_script(obj: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or U+2028/9."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def sha256_source(text: str) -> str:
    """Return a CSP hash source (``'sha256-…'``) for an inline script's text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def _csp(*scripts: str) -> str:
    return (
        "default-src 'none'; "
        f"script-src {' '.join(sha256_source(s) for s in scripts)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


_BOOT = r"""(function () {
  "use strict";
  function bytes(id) {
    var text = atob(document.getElementById(id).textContent.trim());
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { out[i] = text.charCodeAt(i); }
    return out;
  }
  function unpack(id) {
    var stream = new Blob([bytes(id)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }
  function add(text, type, id) {
    var s = document.createElement("script");
    if (type) { s.type = type; }
    if (id) { s.id = id; }
    s.textContent = text;
    document.body.appendChild(s);
  }
  if (typeof DecompressionStream === "undefined") {
    document.getElementById("relgraph-network").textContent =
      document.getElementById("relgraph-old-browser").textContent;
    return;
  }
  Promise.all([unpack("relgraph-pack-data"), unpack("relgraph-pack-vis"),
               unpack("relgraph-pack-app")]).then(function (parts) {
    add(parts[0], "application/json", "relgraph-data");
    add(parts[1]);
    add(parts[2]);
  });
})();"""

_PAGE = """<!DOCTYPE html>
<html lang="@@LANG@@">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="relgraph">
<title>@@TITLE@@</title>
<style>@@CSS@@</style>
<style>@@SIZE@@</style>
</head>
<body>
<header id="relgraph-header">
<h1>@@HEADING@@</h1>
@@SITUATION@@
@@NOTES@@
</header>
<div class="wrap">
<div id="relgraph-network" role="img" aria-label="@@TITLE@@"></div>
<aside id="relgraph-side">
<div class="controls">
<label for="relgraph-search">@@SEARCH@@</label>
<input id="relgraph-search" type="search" autocomplete="off">
<div id="relgraph-search-status" aria-live="polite"></div>
<label for="relgraph-group">@@GROUP@@</label>
<select id="relgraph-group"></select>
<div class="buttons" id="relgraph-buttons"></div>
<p class="hint">@@HINT@@</p>
</div>
<div id="relgraph-legend">@@LEGEND@@</div>
<details><summary>@@FILTERS@@</summary>
<h3>@@F_ROLE@@</h3><div id="relgraph-filter-role"></div>
<h3>@@F_PARTY@@</h3><div id="relgraph-filter-party"></div>
<h3>@@F_KIND@@</h3><div id="relgraph-filter-kind"></div>
</details>
</aside>
</div>
@@SCRIPTS@@
</body>
</html>
"""


def _fill(values: dict[str, str]) -> str:
    # One pass, so a user string that happens to contain a marker is never expanded.
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], _PAGE)


def _values(
    heading: str,
    situation: list[str],
    notes: list[str],
    legend: str,
    height: str | None,
    lang: str,
) -> dict[str, str]:
    esc = _html.escape
    size = f"#relgraph-network{{height:{height};flex:none}} body{{height:auto}}" if height else ""
    return {
        "LANG": LANGUAGES[lang],
        "TITLE": esc(heading),
        "HEADING": esc(heading),
        "SITUATION": "".join(f'<p class="situation">{esc(t)}</p>' for t in situation),
        "NOTES": "".join(f'<p class="note">{esc(t)}</p>' for t in notes),
        "CSS": app_css().replace("</style", "<\\/style"),
        "SIZE": size,
        "SEARCH": esc(say("viz_search", lang=lang)),
        "GROUP": esc(say("viz_group_by", lang=lang)),
        "HINT": esc(say("viz_hint", lang=lang)),
        "LEGEND": legend,
        "FILTERS": esc(say("viz_filters", lang=lang)),
        "F_ROLE": esc(say("viz_filter_role", lang=lang)),
        "F_PARTY": esc(say("viz_filter_party", lang=lang)),
        "F_KIND": esc(say("viz_filter_kind", lang=lang)),
    }


def page(
    heading: str,
    situation: list[str],
    notes: list[str],
    data: dict[str, Any],
    legend: str,
    height: str | None,
    *,
    compact: bool = False,
    lang: str = "en",
) -> str:
    """Render the whole self-contained page: data block, vis-network and relgraph's script.

    With ``compact=True`` the scripts and data are gzip-compressed and a loader unpacks
    them in the browser (the notebook form). ``lang`` is the page's language (its
    ``<html lang>`` and the words of its controls).
    """
    vis, app = vis_js(), app_js()
    values = _values(heading, situation, notes, legend, height, lang)
    if compact:
        values["CSP"] = _csp(_BOOT, vis, app)
        old = _html.escape(say("viz_old_browser", lang=lang))
        values["SCRIPTS"] = "\n".join(
            [
                f'<p id="relgraph-old-browser" hidden>{old}</p>',
                _packed("relgraph-pack-data", json.dumps(data, ensure_ascii=False)),
                _packed("relgraph-pack-vis", vis),
                _packed("relgraph-pack-app", app),
                f"<script>{_BOOT}</script>",
            ]
        )
    else:
        values["CSP"] = _csp(vis, app)
        values["SCRIPTS"] = (
            f'<script type="application/json" id="relgraph-data">{json_for_script(data)}'
            f"</script>\n<script>{vis}</script>\n<script>{app}</script>"
        )
    return _fill(values)


def _packed(id_: str, text: str) -> str:
    raw = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    return f'<script type="application/gzip" id="{id_}">{base64.b64encode(raw).decode()}</script>'
