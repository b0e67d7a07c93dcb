/* relgraph map page: PNG, SVG and positions export (used by the page's buttons and by
   NetworkMap.save through a headless browser). The SVG is rebuilt from the drawn network
   with DOM calls, so names reach it as text nodes, never as markup. */
window.relgraphExporter = function (m) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(parent, name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) { e.textContent = text; }
    parent.appendChild(e);
    return e;
  }
  function withSize(width, height, fn) {
    if (!width || !height) { return fn(); }
    var c = m.container, old = [c.style.width, c.style.height, c.style.flex];
    c.style.flex = "none";
    c.style.width = width + "px";
    c.style.height = height + "px";
    m.network.setSize(width + "px", height + "px");
    m.network.redraw();
    m.goHome();
    m.network.redraw();
    try { return fn(); } finally {
      c.style.width = old[0];
      c.style.height = old[1];
      c.style.flex = old[2];
      m.network.setSize("100%", "100%");
      m.network.redraw();
      m.goHome();
    }
  }
  function png(width, height) {
    return withSize(width, height, function () {
      m.network.redraw();
      var c = m.container.querySelector("canvas");
      var out = document.createElement("canvas");
      out.width = c.width;
      out.height = c.height;
      var g = out.getContext("2d");
      g.fillStyle = "#ffffff";
      g.fillRect(0, 0, out.width, out.height);
      g.drawImage(c, 0, 0);
      return out.toDataURL("image/png");
    });
  }

  function transform() {
    var w = m.container.clientWidth, h = m.container.clientHeight;
    var s = m.network.getScale(), v = m.network.getViewPosition();
    return {w: w, h: h, s: s, x: function (x) { return (x - v.x) * s + w / 2; },
            y: function (y) { return (y - v.y) * s + h / 2; }};
  }
  function poly(role, x, y, r) {
    var pts = m.data.shapes[role] || [];
    if (!pts.length) {
      return "M" + (x - r) + " " + y + "A" + r + " " + r + " 0 1 0 " + (x + r) + " " + y +
             "A" + r + " " + r + " 0 1 0 " + (x - r) + " " + y + "Z";
    }
    return "M" + pts.map(function (p) {
      return (x + p[0] * r).toFixed(1) + " " + (y - p[1] * r).toFixed(1);
    }).join("L") + "Z";
  }
  function bands(svg, t) {
    var b = m.data.bands, box = m.bands();
    if (!b) { return; }
    var px = m.data.labelPx * t.s, face = m.data.fontFace;
    b.cols.forEach(function (c, k) {
      if (k % 2 === 0) {
        el(svg, "rect", {x: t.x(c.x0 - 14), y: t.y(box.top), width: (c.x1 - c.x0 + 28) * t.s,
                         height: (box.bottom - box.top) * t.s, fill: "rgb(60,90,120)",
                         "fill-opacity": 0.045});
      }
      el(svg, "text", {x: t.x((c.x0 + c.x1) / 2), y: t.y(box.top + 6) + px, "font-size": px,
                       "font-weight": 600, "text-anchor": "middle", fill: "#444444",
                       "font-family": face}, c.text);
    });
    if (b.groupsX !== null && m.groupBy() !== "none") {
      el(svg, "text", {x: t.x(b.groupsX), y: t.y(box.top + 6) + px, "font-size": px,
                       "font-weight": 600, fill: "#444444", "font-family": face},
         m.data.text.groups_header);
    }
    b.rows.forEach(function (r) {
      el(svg, "line", {x1: t.x(box.left), x2: t.x(box.right), y1: t.y(r.y0), y2: t.y(r.y0),
                       stroke: "#dddddd"});
      var cx = t.x(box.left + 4) + px, cy = t.y((r.y0 + r.y1) / 2);
      el(svg, "text", {x: cx, y: cy, "font-size": px, fill: "#555555", "text-anchor": "middle",
                       transform: "rotate(-90 " + cx + " " + cy + ")", "font-family": face,
                       textLength: Math.min(r.text.length * px * 0.56, (r.y1 - r.y0 - 6) * t.s),
                       lengthAdjust: "spacingAndGlyphs"}, r.text);
    });
  }
  function edgesSvg(svg, t) {
    var net = m.network, body = net.body;
    body.edgeIndices.forEach(function (id) {
      var e = body.edges[id];
      if (!e || !e.connected || e.options.hidden || !e.from || !e.to) { return; }
      var c = e.options.color, on = !(m.dimmed(e.fromId) || m.dimmed(e.toId));
      var attrs = {d: "M" + t.x(e.from.x) + " " + t.y(e.from.y) + "L" + t.x(e.to.x) + " " +
                      t.y(e.to.y),
                   stroke: c.color, "stroke-opacity": on ? c.opacity : 0.06, fill: "none",
                   "stroke-width": Math.max(e.options.width * t.s, 0.5)};
      if (e.options.dashes) { attrs["stroke-dasharray"] = "6 4"; }
      el(svg, "path", attrs);
      if (e.options.arrows && e.options.arrows.to && e.options.arrows.to.enabled) {
        var dx = e.to.x - e.from.x, dy = e.to.y - e.from.y, d = Math.sqrt(dx * dx + dy * dy);
        if (!d) { return; }
        var r = e.to.shape.width ? e.to.shape.width / 2 : 10, ux = dx / d, uy = dy / d;
        var tipx = e.to.x - ux * (r + 2), tipy = e.to.y - uy * (r + 2), L = 9, W = 4.5;
        var pts = [[tipx, tipy], [tipx - ux * L - uy * W, tipy - uy * L + ux * W],
                   [tipx - ux * L + uy * W, tipy - uy * L - ux * W]];
        el(svg, "path", {d: "M" + pts.map(function (p) { return t.x(p[0]) + " " + t.y(p[1]); })
                              .join("L") + "Z",
                         fill: c.color, "fill-opacity": on ? c.opacity : 0.06});
      }
    });
  }
  function labelSvg(svg, t, node, faded) {
    var lines = String(node.options.label === undefined ? "" : node.options.label).split("\n");
    var box = node.labelModule.size, px = m.data.labelPx * t.s;
    if (!box.width) { return; }
    var g = el(svg, "g", {"opacity": faded ? 0.18 : 1});
    var x0 = t.x(box.left), y0 = t.y(box.top), w = box.width * t.s, h = box.height * t.s;
    el(g, "rect", {x: x0, y: y0, width: w, height: h, fill: "#ffffff", "fill-opacity": 0.85});
    lines.forEach(function (line, k) {
      el(g, "text", {x: x0 + w / 2, y: y0 + (k + 0.8) * h / lines.length, "font-size": px,
                     "text-anchor": "middle", fill: "#1a1a1a", "font-family": m.data.fontFace},
         line);
    });
  }
  function nodesSvg(svg, t) {
    var body = m.network.body;
    body.nodeIndices.forEach(function (id) {
      var node = body.nodes[id];
      if (!node || node.options.hidden) { return; }
      var n = m.info[id], faded = m.dimmed(id), x = t.x(node.x), y = t.y(node.y);
      var col = node.options.color, g = el(svg, "g", {opacity: faded ? 0.15 : 1});
      if (!n) {
        var w = node.options.size * 1.5 * t.s, h = node.options.size * t.s;
        el(g, "rect", {x: x - w, y: y - h, width: 2 * w, height: 2 * h, fill: col.background,
                       stroke: col.border});
        labelSvg(svg, t, node, faded);
        return;
      }
      var r = m.radius(n, node.options.size) * t.s;
      var attrs = {d: poly(n.role, x, y, r), fill: col.background, stroke: col.border,
                   "stroke-width": node.options.borderWidth * t.s};
      if (n.hid) { attrs["stroke-dasharray"] = "5 3"; }
      el(g, "path", attrs);
      if (n.dnc) {
        var k = r + 4 * t.s, q = 0.7071 * k;
        el(g, "path", {d: "M" + (x - k) + " " + y + "A" + k + " " + k + " 0 1 0 " + (x + k) + " " +
                          y + "A" + k + " " + k + " 0 1 0 " + (x - k) + " " + y + "ZM" +
                          (x - q) + " " + (y - q) + "L" + (x + q) + " " + (y + q),
                       fill: "none", stroke: m.data.colours.dnc, "stroke-width": 2.5 * t.s});
      }
      labelSvg(svg, t, node, faded);
    });
  }
  function svg(width, height) {
    return withSize(width, height, function () {
      var t = transform();
      var root = document.createElementNS(SVG, "svg");
      root.setAttribute("xmlns", SVG);
      root.setAttribute("width", String(t.w));
      root.setAttribute("height", String(t.h));
      root.setAttribute("viewBox", "0 0 " + t.w + " " + t.h);
      el(root, "rect", {x: 0, y: 0, width: t.w, height: t.h, fill: "#ffffff"});
      bands(root, t);
      edgesSvg(root, t);
      nodesSvg(root, t);
      return new XMLSerializer().serializeToString(root);
    });
  }
  function save(name, url) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }
  function blobUrl(text, type) {
    return URL.createObjectURL(new Blob([text], {type: type}));
  }
  function download(kind) {
    if (kind === "png") { save("relgraph-map.png", png()); }
    else if (kind === "svg") { save("relgraph-map.svg", blobUrl(svg(), "image/svg+xml")); }
    else {
      var text = JSON.stringify({relgraph: "positions", version: 1, positions: m.positions()});
      save("relgraph-positions.json", blobUrl(text, "application/json"));
    }
  }
  return {png: png, svg: svg, download: download};
};
