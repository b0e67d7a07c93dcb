/* relgraph map page: shapes, groups, focus, kept positions, filters and search.
   Runs on vis-network 9.1.2 (inlined from pyvis). Every user string reaches the page as
   text only: canvas text, textContent, or vis-network tooltips (set with innerText). */
(function () {
  "use strict";

  function start() {
    var data = JSON.parse(document.getElementById("relgraph-data").textContent);
    var T = data.text;
    var container = document.getElementById("relgraph-network");
    var info = {}, edgeInfo = {};
    data.nodes.forEach(function (n) { info[n.id] = n; });
    data.edges.forEach(function (e) { edgeInfo[e.id] = e; });
    var groupInfo = {};
    var storeKey = "relgraph-positions:" + data.key;
    var stored = readStore();
    var userPos = {};
    [data.positions || {}, stored].forEach(function (src) {
      Object.keys(src).forEach(function (pid) { userPos[pid] = src[pid]; });
    });
    var state = {
      groupBy: data.groupBy, dim: null, focus: null,
      frozen: data.layout !== "force", filter: {role: {}, party: {}, kind: {}}
    };
    var FACE = data.fontFace;
    var network = null;

    function readStore() {
      try {
        var raw = window.localStorage.getItem("relgraph-positions:" + data.key);
        var got = raw ? JSON.parse(raw) : {};
        return (got && typeof got === "object") ? got : {};
      } catch (e) { return {}; }
    }
    function writeStore() {
      try { window.localStorage.setItem(storeKey, JSON.stringify(stored)); } catch (e) { /* sandboxed */ }
    }
    function homeGrouping(how) {
      return data.groupings.indexOf(how) >= 0 ? how : data.groupings[0];
    }
    function place(n, how) {
      if (userPos[n.pid]) { return userPos[n.pid]; }
      var g = data.groupings.indexOf(homeGrouping(how));
      if (!n.story && n.h && g >= 0 && n.h[g]) { return n.h[g]; }
      return (n.x === null || n.x === undefined) ? null : [n.x, n.y];
    }

    // ---- drawing people and groups ------------------------------------------------
    function outline(ctx, role, x, y, r) {
      var pts = data.shapes[role] || [];
      ctx.beginPath();
      if (!pts.length) { ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
      for (var i = 0; i < pts.length; i++) {
        if (i) { ctx.lineTo(x + pts[i][0] * r, y - pts[i][1] * r); }
        else { ctx.moveTo(x + pts[i][0] * r, y - pts[i][1] * r); }
      }
      ctx.closePath();
    }
    function radius(n, size) { return size * (data.scales[n.role] || 1); }
    function dimmed(id) { return state.dim !== null && !state.dim[id]; }
    function dncMark(ctx, x, y, r) {
      var k = r + 4;
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = data.colours.dnc;
      ctx.beginPath();
      ctx.arc(x, y, k, 0, 2 * Math.PI);
      ctx.moveTo(x - 0.7071 * k, y - 0.7071 * k);
      ctx.lineTo(x + 0.7071 * k, y + 0.7071 * k);
      ctx.stroke();
    }
    function label(a, below, right) {
      var node = network && network.body.nodes[a.id];
      if (!node || node.options.label === undefined) { return; }
      a.ctx.globalAlpha = dimmed(a.id) ? 0.18 : 1;
      var lm = node.labelModule;
      lm.calculateLabelSize(a.ctx, a.state.selected, a.state.hover, a.x, a.y, "hanging");
      if (right) {
        lm.draw(a.ctx, a.x + right + 5 + 0.5 * lm.size.width, a.y, a.state.selected,
                a.state.hover, "middle");
      } else {
        lm.draw(a.ctx, a.x, a.y + below + 3 + 0.5 * lm.size.height, a.state.selected,
                a.state.hover, "hanging");
      }
      node.shape.updateBoundingBox(a.x, a.y);
      var box = node.shape.boundingBox;
      box.top = Math.min(box.top, a.y - below, lm.size.top);
      box.bottom = Math.max(box.bottom, a.y + below, lm.size.top + lm.size.height);
      box.left = Math.min(box.left, lm.size.left);
      box.right = Math.max(box.right, lm.size.left + lm.size.width);
    }
    function drawPerson(a) {
      var n = info[a.id], ctx = a.ctx, s = a.style, r = radius(n, s.size);
      return {
        drawNode: function () {
          ctx.globalAlpha = dimmed(a.id) ? 0.15 : 1;
          outline(ctx, n.role, a.x, a.y, r);
          ctx.fillStyle = s.color;
          ctx.fill();
          ctx.lineWidth = s.borderWidth;
          ctx.strokeStyle = s.borderColor;
          if (n.hid) { ctx.setLineDash([5, 3]); }
          ctx.stroke();
          ctx.setLineDash([]);
          if (n.dnc) { dncMark(ctx, a.x, a.y, r); }
        },
        drawExternalLabel: function () { label(a, n.dnc ? r + 6 : r); },
        nodeDimensions: {width: 2 * r, height: 2 * r}
      };
    }
    function drawGroup(a) {
      var ctx = a.ctx, s = a.style, w = s.size * 1.5, h = s.size;
      return {
        drawNode: function () {
          ctx.globalAlpha = dimmed(a.id) ? 0.15 : 1;
          for (var k = 2; k >= 0; k--) {
            ctx.beginPath();
            ctx.rect(a.x - w + 4 * k, a.y - h - 4 * k, 2 * w, 2 * h);
            ctx.fillStyle = k ? "#f4f4f4" : s.color;
            ctx.fill();
            ctx.lineWidth = s.borderWidth;
            ctx.strokeStyle = s.borderColor;
            ctx.stroke();
          }
        },
        drawExternalLabel: function () { label(a, h, w + 8); },
        nodeDimensions: {width: 2 * w, height: 2 * h}
      };
    }
    function visNode(n) {
      var p = place(n, state.groupBy);
      var border = n.ring || (n.hid ? data.colours.hidden : "#4d4d4d");
      var v = {
        id: n.id, label: n.label, title: n.title, shape: "custom", ctxRenderer: drawPerson,
        size: n.size, borderWidth: n.rw, borderWidthSelected: n.rw + 1.5,
        color: {background: n.fill, border: border,
                highlight: {background: n.fill, border: "#000000"},
                hover: {background: n.fill, border: "#000000"}},
        physics: !state.frozen
      };
      if (p) { v.x = p[0]; v.y = p[1]; }
      return v;
    }

    // ---- the network ------------------------------------------------------------
    var nodes = new vis.DataSet(data.nodes.map(visNode));
    var edges = new vis.DataSet(data.edges.map(function (e) {
      return {id: e.id, from: e.from, to: e.to, title: e.title, dashes: e.dashes ? [6, 4] : false,
              arrows: e.arrows, width: e.width, color: {color: e.color, opacity: e.opacity}};
    }));
    network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
    window.relgraphNetwork = network;

    // ---- groups -------------------------------------------------------------------
    function groupId(how, k) { return "group:" + how + ":" + k; }
    function makeGroup(how, k) {
      var g = data.groups[how][k], gi = data.groupings.indexOf(how);
      var names = g.names.join("\n") + (g.n > g.names.length ? "\n…" : "");
      var lines = g.short.split("\n");
      lines[0] += " · " + (g.n === 1 ? T.person : T.people.replace("{n}", String(g.n)));
      var props = {
        id: groupId(how, k), label: lines.join("\n"),
        title: g.label + "\n" + names + "\n" + T.open_hint, shape: "custom",
        ctxRenderer: drawGroup, size: Math.min(8 + Math.log(g.n + 1), 12), borderWidth: 1,
        color: {background: "#e8e8e8", border: "#888888",
                highlight: {background: "#e8e8e8", border: "#000000"},
                hover: {background: "#dddddd", border: "#000000"}},
        allowSingleNodeCluster: true, physics: !state.frozen
      };
      if (g.x !== null && g.x !== undefined && !userPos["\u0000group:" + how + ":" + k]) {
        props.x = g.x; props.y = g.y;
      }
      network.cluster({
        joinCondition: function (o) {
          var n = info[o.id];
          return !!n && !n.story && n.g[gi] === k;
        },
        clusterNodeProperties: props,
        clusterEdgeProperties: {color: {color: "#a0a0a0", opacity: 0.2}, width: 1,
                                dashes: false, arrows: ""}
      });
      groupInfo[props.id] = {how: how, k: k};
    }
    function openAll() {
      Object.keys(groupInfo).forEach(function (id) {
        if (network.isCluster(id)) { network.openCluster(id, {releaseFunction: release}); }
      });
      groupInfo = {};
    }
    function release(clusterPos, contained) {
      var out = {}, ids = Object.keys(contained), per = Math.ceil(Math.sqrt(ids.length));
      ids.forEach(function (id, k) {
        var p = info[id] && state.frozen ? place(info[id], state.groupBy) : null;
        out[id] = p ? {x: p[0], y: p[1]} :
          {x: clusterPos.x + ((k % per) - (per - 1) / 2) * 120,
           y: clusterPos.y + 80 + Math.floor(k / per) * 90};
      });
      return out;
    }
    function groupBy(how) {
      openAll();
      state.groupBy = how;
      nodes.update(data.nodes.filter(function (n) { return !n.story; }).map(function (n) {
        var p = place(n, how);
        return p ? {id: n.id, x: p[0], y: p[1]} : {id: n.id};
      }));
      if (how !== "none" && data.groups[how]) {
        data.groups[how].forEach(function (g, k) { makeGroup(how, k); });
      }
      applyDim();
      settle();
    }
    function openGroup(id) {
      var members = network.getNodesInCluster(id);
      network.openCluster(id, {releaseFunction: release});
      delete groupInfo[id];
      settle();
      network.fit({nodes: members.concat(storyIds()), animation: {duration: 300}});
    }
    function closeGroupOf(id) {
      var n = info[id];
      if (!n || n.story || state.groupBy === "none") { return; }
      var k = n.g[data.groupings.indexOf(state.groupBy)];
      if (k >= 0) { makeGroup(state.groupBy, k); }
    }
    function settle() {
      if (state.frozen || data.layout !== "force") { return; }
      network.setOptions({physics: {enabled: true}});
      network.stabilize(120);
    }
    network.on("stabilized", function () {
      if (data.layout === "force") { network.setOptions({physics: {enabled: false}}); }
    });

    // ---- focus --------------------------------------------------------------------
    function focusOn(id) {
      var keep = {};
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (k) {
        if (network.body.nodeIndices.indexOf(k) >= 0) { keep[k] = true; }
      });
      state.dim = keep;
      state.focus = id;
      applyDim();
    }
    function clearFocus() { state.dim = null; state.focus = null; applyDim(); }
    function applyDim() {
      if (state.focus !== null && !network.body.nodes[state.focus]) { state.dim = null; }
      var all = network.body.edges;
      Object.keys(all).forEach(function (id) {
        var e = all[id], on = state.dim === null || (state.dim[e.fromId] && state.dim[e.toId]);
        var base = edgeInfo[id] ? edgeInfo[id].opacity : 0.2;
        var colour = edgeInfo[id] ? edgeInfo[id].color : "#a0a0a0";
        if (state.dim !== null && on) { base = Math.max(base, 0.85); }
        e.setOptions({color: {color: colour, highlight: colour, hover: colour,
                              opacity: on ? base : 0.05}});
      });
      network.redraw();
    }
    function visibleIds() {
      return network.body.nodeIndices.filter(function (id) {
        var node = network.body.nodes[id];
        return node && !node.options.hidden && !dimmed(id);
      });
    }
    function storyIds() {
      return data.nodes.filter(function (n) { return n.story; }).map(function (n) { return n.id; });
    }

    // ---- positions ------------------------------------------------------------------
    network.on("dragEnd", function (p) {
      p.nodes.forEach(function (id) {
        var n = info[id];
        if (!n) { return; }
        var q = network.getPosition(id);
        userPos[n.pid] = stored[n.pid] = [q.x, q.y];
      });
      if (p.nodes.length) { writeStore(); }
    });
    function allPositions() {
      var out = {};
      data.nodes.forEach(function (n) {
        var node = network.body.nodes[n.id];
        if (node && isFinite(node.x) && isFinite(node.y)) {
          out[n.pid] = [Math.round(node.x), Math.round(node.y)];
        }
      });
      return out;
    }
    function resetPositions() {
      try { window.localStorage.removeItem(storeKey); } catch (e) { /* sandboxed */ }
      stored = {};
      userPos = {};
      Object.keys(data.positions || {}).forEach(function (pid) { userPos[pid] = data.positions[pid]; });
      openAll();
      nodes.update(data.nodes.map(function (n) {
        var p = place(n, state.groupBy);
        return p ? {id: n.id, x: p[0], y: p[1]} : {id: n.id};
      }));
      groupBy(state.groupBy);
      goHome();
    }

    // ---- the default view ------------------------------------------------------------
    function bandsBox() {
      var b = data.bands;
      return b ? {left: -36, top: b.top - 30, right: b.right + 12, bottom: b.bottom} : null;
    }
    function goHome() {
      var box = null;
      visibleIds().forEach(function (id) {
        var bb = network.body.nodes[id].shape.boundingBox;
        if (!isFinite(bb.left)) { return; }
        box = box ? {left: Math.min(box.left, bb.left), top: Math.min(box.top, bb.top),
                     right: Math.max(box.right, bb.right), bottom: Math.max(box.bottom, bb.bottom)}
                  : {left: bb.left, top: bb.top, right: bb.right, bottom: bb.bottom};
      });
      var bands = bandsBox();
      if (bands && box) {
        box = {left: Math.min(box.left, bands.left), top: Math.min(box.top, bands.top),
               right: Math.max(box.right, bands.right), bottom: Math.max(box.bottom, bands.bottom)};
      }
      if (!box) { return; }
      var w = container.clientWidth, h = container.clientHeight, pad = 16;
      var fit = Math.min(w / (box.right - box.left + 2 * pad), h / (box.bottom - box.top + 2 * pad));
      var least = 1, s = Math.max(Math.min(fit, data.maxZoom), least);
      var x = (box.left + box.right) / 2, y = (box.top + box.bottom) / 2;
      if (fit < least) {
        x = box.left - pad + w / (2 * s);
        y = box.top - pad + h / (2 * s);
      }
      network.moveTo({position: {x: x, y: y}, scale: s, animation: false});
    }
    network.on("beforeDrawing", function (ctx) {
      var b = data.bands;
      if (!b) { return; }
      var box = bandsBox();
      ctx.save();
      b.cols.forEach(function (c, k) {
        if (k % 2 === 0) {
          ctx.fillStyle = "rgba(60, 90, 120, 0.045)";
          ctx.fillRect(c.x0 - 14, box.top, c.x1 - c.x0 + 28, box.bottom - box.top);
        }
        ctx.fillStyle = "#444444";
        ctx.font = "600 " + data.labelPx + "px " + FACE;
        ctx.textAlign = "center";
        ctx.textBaseline = "top";
        ctx.fillText(c.text, (c.x0 + c.x1) / 2, box.top + 6);
      });
      if (b.groupsX !== null && state.groupBy !== "none") {
        ctx.fillStyle = "#444444";
        ctx.font = "600 " + data.labelPx + "px " + FACE;
        ctx.textAlign = "left";
        ctx.textBaseline = "top";
        ctx.fillText(T.groups_header, b.groupsX, box.top + 6);
      }
      ctx.strokeStyle = "#dddddd";
      ctx.lineWidth = 1;
      b.rows.forEach(function (r) {
        ctx.beginPath();
        ctx.moveTo(box.left, r.y0);
        ctx.lineTo(box.right, r.y0);
        ctx.stroke();
        ctx.save();
        ctx.translate(box.left + 4, (r.y0 + r.y1) / 2);
        ctx.rotate(-Math.PI / 2);
        ctx.fillStyle = "#555555";
        ctx.font = data.labelPx + "px " + FACE;
        ctx.textAlign = "center";
        ctx.textBaseline = "top";
        ctx.fillText(r.text, 0, 0, Math.max(r.y1 - r.y0 - 6, 20));
        ctx.restore();
      });
      ctx.restore();
    });

    // ---- controls ---------------------------------------------------------------------
    var exporter = window.relgraphExporter({
      network: network, data: data, info: info, container: container, bands: bandsBox,
      dimmed: dimmed, radius: radius, goHome: goHome, positions: allPositions,
      groupBy: function () { return state.groupBy; }
    });
    function button(key, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = T[key];
      b.setAttribute("data-action", key);
      b.addEventListener("click", action);
      document.getElementById("relgraph-buttons").appendChild(b);
    }
    button("overview", function () { clearFocus(); goHome(); });
    button("png", function () { exporter.download("png"); });
    button("svg", function () { exporter.download("svg"); });
    button("positions", function () { exporter.download("positions"); });
    button("reset", resetPositions);
    var select = document.getElementById("relgraph-group");
    data.groupings.concat(["none"]).forEach(function (how) {
      var o = document.createElement("option");
      o.value = how;
      o.textContent = T["group_" + how];
      select.appendChild(o);
    });
    select.value = state.groupBy;
    select.addEventListener("change", function () { groupBy(select.value); });

    function applyFilters() {
      nodes.update(data.nodes.map(function (n) {
        return {id: n.id, hidden: !(state.filter.role[n.role] && state.filter.party[n.party])};
      }));
      edges.update(data.edges.map(function (e) {
        return {id: e.id, hidden: !state.filter.kind[e.kind]};
      }));
    }
    function addFilter(boxId, key) {
      var box = document.getElementById(boxId);
      data.filters[key].forEach(function (choice) {
        state.filter[key][choice.value] = true;
        var lab = document.createElement("label");
        var input = document.createElement("input");
        input.type = "checkbox";
        input.checked = true;
        input.setAttribute("data-value", choice.value);
        input.addEventListener("change", function () {
          state.filter[key][choice.value] = input.checked;
          applyFilters();
        });
        lab.appendChild(input);
        lab.appendChild(document.createTextNode(" " + choice.text + " (" + choice.count + ")"));
        box.appendChild(lab);
      });
    }
    addFilter("relgraph-filter-role", "role");
    addFilter("relgraph-filter-party", "party");
    addFilter("relgraph-filter-kind", "kind");

    var search = document.getElementById("relgraph-search");
    var status = document.getElementById("relgraph-search-status");
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      if (!q) { network.unselectAll(); status.textContent = ""; return; }
      var hits = data.nodes.filter(function (n) { return n.search.indexOf(q) >= 0; })
        .map(function (n) { return n.id; });
      hits.forEach(function (id) {
        var path = network.clustering.findNode(id);
        if (path.length > 1 && network.isCluster(path[0])) { openGroup(path[0]); }
      });
      network.selectNodes(hits);
      if (hits.length) {
        network.fit({nodes: hits, animation: false});
        status.textContent = T.found.replace("{n}", String(hits.length));
      } else {
        status.textContent = T.none;
      }
    });

    network.on("click", function (p) {
      if (p.nodes.length) {
        var id = p.nodes[0];
        if (network.isCluster(id)) { openGroup(id); } else { focusOn(id); }
      } else if (!p.edges.length) {
        clearFocus();
      }
    });
    network.on("doubleClick", function (p) {
      if (p.nodes.length && !network.isCluster(p.nodes[0])) { closeGroupOf(p.nodes[0]); }
    });

    // ---- start ----------------------------------------------------------------------
    function ready() {
      window.relgraphMapReady = true;
      document.body.setAttribute("data-drawn", "1");
    }
    function firstView() {
      network.fit({animation: false});  // draw every node once, so every label is measured
      network.redraw();
      goHome();
      network.once("afterDrawing", ready);
      network.redraw();
    }
    groupBy(state.groupBy);
    if (state.frozen) {
      network.once("afterDrawing", firstView);
    } else {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({physics: {enabled: false}});
        state.frozen = true;
        firstView();
      });
    }
    window.relgraphMap = {
      network: network, groupBy: groupBy, openGroup: openGroup, focus: focusOn,
      clearFocus: clearFocus, visible: visibleIds, positions: allPositions,
      home: goHome, exporter: exporter,
      groups: function () { return Object.keys(groupInfo).filter(network.isCluster, network); }
    };
  }

  if (window.vis && document.getElementById("relgraph-data")) { start(); }
  else { window.relgraphStart = start; }
})();
