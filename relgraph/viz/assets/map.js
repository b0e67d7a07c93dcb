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
    var storeKey = "relgraph-positions:" + data.key;
    var stored = readStore();
    var userPos = {};
    [data.positions || {}, stored].forEach(function (src) {
      Object.keys(src).forEach(function (pid) { userPos[pid] = src[pid]; });
    });
    var state = {
      groupBy: data.groupBy, dim: null, focus: null, filter: {role: {}, party: {}, kind: {}}
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
        physics: false, hidden: !!filtered[n.id]
      };
      if (p) { v.x = p[0]; v.y = p[1]; }
      return v;
    }

    // ---- the network ------------------------------------------------------------
    function visEdge(e) {
      return {id: e.id, from: e.from, to: e.to, title: e.title, dashes: e.dashes ? [6, 4] : false,
              arrows: e.arrows, width: e.width, hidden: !state.filter.kind[e.kind],
              color: {color: e.color, opacity: e.opacity}};
    }
    // people in a closed group are not in the network at all until it opens: a large map
    // starts with the story and the group nodes only
    var nodes = new vis.DataSet([]);
    var edges = new vis.DataSet([]);
    network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
    window.relgraphNetwork = network;

    // ---- groups -------------------------------------------------------------------
    // A closed group hides its members and shows one node; ties to its members are drawn
    // as one light tie per (group, other end). Done here rather than with vis-network's
    // clustering, which deep-copies every node's options for every group (seconds at
    // 2,000 people).
    var groupOf = {}, closed = {}, filtered = {}, groupEdges = [];
    var present = {}, shownEdge = {}, pending = {};
    var membersOf = {};
    data.groupings.forEach(function (how, gi) {
      membersOf[how] = (data.groups[how] || []).map(function () { return []; });
      data.nodes.forEach(function (n) {
        if (!n.story && n.g[gi] >= 0) { membersOf[how][n.g[gi]].push(n.id); }
      });
    });
    function groupId(how, k) { return "group:" + how + ":" + k; }
    function groupNode(how, k, ids) {
      var g = data.groups[how][k];
      var names = g.names.join("\n") + (g.n > g.names.length ? "\n…" : "");
      var lines = g.short.split("\n");
      lines[0] += " · " + (g.n === 1 ? T.person : T.people.replace("{n}", String(g.n)));
      var v = {
        id: groupId(how, k), label: lines.join("\n"),
        title: g.label + "\n" + names + "\n" + T.open_hint, shape: "custom",
        ctxRenderer: drawGroup, size: Math.min(8 + Math.log(g.n + 1), 12), borderWidth: 1,
        color: {background: "#e8e8e8", border: "#888888",
                highlight: {background: "#e8e8e8", border: "#000000"},
                hover: {background: "#dddddd", border: "#000000"}},
        physics: false
      };
      var at = (g.x !== null && g.x !== undefined) ? [g.x, g.y] : centre(ids);
      if (at) { v.x = at[0]; v.y = at[1]; }
      return v;
    }
    function centre(ids) {
      var xs = 0, ys = 0, k = 0;
      ids.forEach(function (id) {
        var node = network.body.nodes[id];
        if (node && isFinite(node.x) && isFinite(node.y)) { xs += node.x; ys += node.y; k++; }
      });
      return k ? [xs / k, ys / k] : null;
    }
    function closeGroup(how, k) {
      var gid = groupId(how, k), ids = membersOf[how][k];
      if (closed[gid] || !ids.length) { return; }
      closed[gid] = ids;
      ids.forEach(function (id) { groupOf[id] = gid; });
      nodes.add(groupNode(how, k, ids));
    }
    function openGroupQuiet(gid) {
      var ids = closed[gid];
      if (!ids) { return []; }
      var at = network.body.nodes[gid] ? network.getPosition(gid) : {x: 0, y: 0};
      var per = Math.ceil(Math.sqrt(ids.length));
      ids.forEach(function (id, k) {
        if (!place(info[id], state.groupBy)) {
          pending[id] = [at.x + ((k % per) - (per - 1) / 2) * 120,
                         at.y + 80 + Math.floor(k / per) * 90];
        }
        delete groupOf[id];
      });
      delete closed[gid];
      nodes.remove(gid);
      return ids;
    }
    function where(n) {
      return pending[n.id] || place(n, state.groupBy);
    }
    function sync() {
      var add = [], gone = [], flags = [];
      data.nodes.forEach(function (n) {
        var want = !groupOf[n.id];
        if (want && !present[n.id]) {
          var v = visNode(n), p = where(n);
          if (p) { v.x = p[0]; v.y = p[1]; }
          add.push(v);
          present[n.id] = true;
        } else if (!want && present[n.id]) {
          var node = network.body.nodes[n.id];
          if (node) { pending[n.id] = [node.x, node.y]; }
          gone.push(n.id);
          delete present[n.id];
        } else if (want) {
          flags.push({id: n.id, hidden: !!filtered[n.id]});
        }
      });
      edges.remove(groupEdges.concat(data.edges.filter(function (e) {
        return shownEdge[e.id] && !(present[e.from] && present[e.to]);
      }).map(function (e) { delete shownEdge[e.id]; return e.id; })));
      nodes.remove(gone);
      nodes.add(add);
      nodes.update(flags);
      edges.add(data.edges.filter(function (e) {
        return !shownEdge[e.id] && present[e.from] && present[e.to];
      }).map(function (e) { shownEdge[e.id] = true; return visEdge(e); }));
      var seen = {}, ties = [];
      data.edges.forEach(function (e) {
        var a = groupOf[e.from] || e.from, b = groupOf[e.to] || e.to;
        if ((a === e.from && b === e.to) || a === b || !state.filter.kind[e.kind]) { return; }
        if (filtered[a] || filtered[b]) { return; }
        var key = a < b ? a + "|" + b : b + "|" + a;
        if (seen[key]) { return; }
        seen[key] = true;
        ties.push({id: "tie:" + key, from: a, to: b, width: 0.8, arrows: "", dashes: false,
                   color: {color: "#a0a0a0", opacity: 0.12}});
      });
      edges.add(ties);
      groupEdges = ties.map(function (e) { return e.id; });
      applyDim();
    }
    function groupBy(how) {
      Object.keys(closed).forEach(openGroupQuiet);
      state.groupBy = how;
      pending = {};
      nodes.update(data.nodes.filter(function (n) { return !n.story && present[n.id]; })
        .map(function (n) {
          var p = place(n, how);
          return p ? {id: n.id, x: p[0], y: p[1]} : {id: n.id};
        }));
      if (how !== "none" && membersOf[how]) {
        membersOf[how].forEach(function (ids, k) { closeGroup(how, k); });
      }
      sync();
    }
    function openGroup(gid) {
      var ids = openGroupQuiet(gid);
      sync();
      network.fit({nodes: ids.concat(storyIds()), animation: {duration: 300}});
      return ids.length;
    }
    function isGroup(id) { return !!closed[id]; }
    function closeGroupOf(id) {
      var n = info[id];
      if (!n || n.story || state.groupBy === "none") { return; }
      var k = n.g[data.groupings.indexOf(state.groupBy)];
      if (k >= 0) { closeGroup(state.groupBy, k); sync(); }
    }

    // ---- focus --------------------------------------------------------------------
    function focusOn(id) {
      var keep = {};
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (k) {
        var node = network.body.nodes[k];
        if (node && !node.options.hidden) { keep[k] = true; }
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
        var base = edgeInfo[id] ? edgeInfo[id].opacity : 0.12;
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
        var p = node ? [node.x, node.y] : where(n);
        if (p && isFinite(p[0]) && isFinite(p[1])) {
          out[n.pid] = [Math.round(p[0]), Math.round(p[1])];
        }
      });
      return out;
    }
    function resetPositions() {
      try { window.localStorage.removeItem(storeKey); } catch (e) { /* sandboxed */ }
      stored = {};
      userPos = {};
      Object.keys(data.positions || {}).forEach(function (pid) { userPos[pid] = data.positions[pid]; });
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
      var least = data.layout === "layered" ? 1 : 0.75;  // a force layout may zoom out a little
      var s = Math.max(Math.min(fit, data.maxZoom), least);
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
    if (!data.nodes.some(function (n) { return !n.story; })) {  // nothing to group
      select.hidden = true;
      document.querySelector("label[for=relgraph-group]").hidden = true;
    }

    function applyFilters() {
      filtered = {};
      data.nodes.forEach(function (n) {
        if (!(state.filter.role[n.role] && state.filter.party[n.party])) { filtered[n.id] = true; }
      });
      edges.update(data.edges.filter(function (e) { return shownEdge[e.id]; }).map(function (e) {
        return {id: e.id, hidden: !state.filter.kind[e.kind]};
      }));
      sync();
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
      var opened = false;
      hits.forEach(function (id) {
        if (groupOf[id]) { openGroupQuiet(groupOf[id]); opened = true; }
      });
      if (opened) { sync(); }
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
        if (isGroup(id)) { openGroup(id); } else { focusOn(id); }
      } else if (!p.edges.length) {
        clearFocus();
      }
    });
    network.on("doubleClick", function (p) {
      if (p.nodes.length && !isGroup(p.nodes[0])) { closeGroupOf(p.nodes[0]); }
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
    network.once("afterDrawing", firstView);
    window.relgraphMap = {
      network: network, groupBy: groupBy, openGroup: openGroup, focus: focusOn,
      clearFocus: clearFocus, visible: visibleIds, positions: allPositions,
      home: goHome, exporter: exporter,
      groups: function () { return Object.keys(closed); },
      members: function (gid) { return (closed[gid] || []).slice(); }
    };
  }

  if (window.vis && document.getElementById("relgraph-data")) { start(); }
  else { window.relgraphStart = start; }
})();
