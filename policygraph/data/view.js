// policygraph view: draws the network from the JSON in #graph-data. Plan text is untrusted,
// so it only ever reaches the page through textContent and vis-network's canvas labels.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var T = data.text; // the page's words in the plan's language (policygraph/view_text.py)
  var status = document.getElementById("status");
  var details = document.getElementById("details-body");
  var FONT_PX = data.options.nodes.font.size; // a label's height on screen, whatever the zoom
  // Past this many measures on screen their labels (numbers) are left out: updating thousands
  // of labels on every zoom costs seconds, and their numbers say little at that size.
  var MAX_MEASURE_LABELS = 300;

  function say(key, fields) {
    return T[key].replace(/\{(\w+)\}/g, function (_, name) { return String(fields[name]); });
  }
  var kind = function (id) { return id.slice(0, 2); }; // d: department, m: measure, g: chapter

  // A tooltip from [style, text] lines, as elements: vis-network shows an element as is.
  function tip(lines) {
    var box = document.createElement("div");
    box.className = "tip";
    (lines || []).forEach(function (line) {
      var part = document.createElement("div");
      part.className = line[0];
      part.textContent = line[1];
      box.appendChild(part);
    });
    return box;
  }

  var tips = {};
  var names = {}; // node id -> its full label (the label drawn may be thinned away)
  var degree = {}; // node id -> edges in the data, to hide nodes a filter leaves alone
  var byId = {};
  data.nodes.forEach(function (n) {
    tips[n.id] = n.tip; names[n.id] = n.label; n.title = tip(n.tip); delete n.tip;
    degree[n.id] = 0; byId[n.id] = n;
  });
  data.edges.forEach(function (e, i) {
    e.id = "e" + i; e.title = tip(e.tip); delete e.tip;
    degree[e.from] += 1; degree[e.to] += 1;
  });
  var memberOf = {}; // chapter -> its measure ids
  data.nodes.forEach(function (n) {
    if (kind(n.id) === "m:" && n.pg_chapter) {
      (memberOf[n.pg_chapter] = memberOf[n.pg_chapter] || []).push(n.id);
    }
  });
  data.groups.forEach(function (g) { // a node per chapter, at the middle of its measures
    var id = "g:" + g.chapter;
    var ids = memberOf[g.chapter] || [];
    var node = { id: id, label: g.label, shape: "square", color: g.color, search: g.label };
    if (ids.length && ids.every(function (m) { return byId[m].x !== undefined; })) {
      node.x = ids.reduce(function (s, m) { return s + byId[m].x; }, 0) / ids.length;
      node.y = ids.reduce(function (s, m) { return s + byId[m].y; }, 0) / ids.length;
    }
    names[id] = g.label; byId[id] = node; degree[id] = 0;
    data.nodes.push(node);
  });
  // Drawing order is the data's order: measures first, then departments from the smallest,
  // so the labels of the busiest departments are drawn over everything else.
  var rank = function (n) { return kind(n.id) === "d:" ? 2 : kind(n.id) === "m:" ? 0 : 1; };
  data.nodes.sort(function (a, b) {
    return rank(a) - rank(b) || (rank(a) === 2 ? (a.value || 0) - (b.value || 0) : 0);
  });

  // -- filters: the controls start from the `view` command's options (data.filters) ----------
  var control = function (id) { return document.getElementById(id); };
  var filters = data.filters;
  function read() {
    if (control("f-chapter")) filters.chapter = control("f-chapter").value;
    if (control("f-kind")) filters.kind = control("f-kind").value;
    if (control("f-supports")) filters.hide_supports = control("f-supports").checked;
    if (control("f-min-shared")) filters.min_shared = Math.max(1, +control("f-min-shared").value || 1);
    if (control("f-top")) filters.top = Math.max(0, +control("f-top").value || 0);
    if (control("f-group")) filters.measures = control("f-group").checked ? "chapter" : "each";
  }

  // Which nodes and edges the filters leave, as {id: true}; one pass over the data.
  function visible() {
    var keep = {};
    var depts = [];
    data.nodes.forEach(function (n) {
      if (kind(n.id) === "g:") return;
      if (kind(n.id) === "d:") {
        var ok = n.pg_focus || ((!filters.kind || n.pg_kind === filters.kind) &&
                                (!n.pg_shared || n.pg_shared >= filters.min_shared));
        if (ok) depts.push(n);
      } else if (!n.pg_sections || !filters.chapter || n.pg_sections.indexOf(filters.chapter) >= 0) {
        keep[n.id] = true;
      }
    });
    depts.sort(function (a, b) { return (a.pg_focus ? 0 : a.pg_rank) - (b.pg_focus ? 0 : b.pg_rank); });
    if (filters.top > 0) depts = depts.slice(0, filters.top + (depts.length && depts[0].pg_focus ? 1 : 0));
    depts.forEach(function (n) { keep[n.id] = true; });
    var shownEdges = {};
    var linked = {};
    data.edges.forEach(function (e) {
      if (keep[e.from] && keep[e.to] && !(filters.hide_supports && e.role === "support") &&
          !(e.pg_shared && e.pg_shared < filters.min_shared)) {
        shownEdges[e.id] = true; linked[e.from] = true; linked[e.to] = true;
      }
    });
    data.nodes.forEach(function (n) { // a node the filters cut off from all its edges goes too
      if (keep[n.id] && degree[n.id] && !linked[n.id] && !n.pg_focus) delete keep[n.id];
    });
    return { nodes: keep, edges: shownEdges };
  }

  // What is drawn: the visible nodes and edges, with measures replaced by a node per chapter
  // when asked: a department's edge to each chapter it has shown measures in, as wide as their
  // number (LEADS and SUPPORTS apart, so hiding SUPPORTS still works).
  var leadStyle = data.edges.filter(function (e) { return e.role === "lead"; })[0] || {};
  var supportStyle = data.edges.filter(function (e) { return e.role === "support"; })[0] || {};
  function drawn() {
    var shown = visible();
    var perChapter = filters.measures === "chapter" && data.groups.length > 0;
    var show = {};
    Object.keys(shown.nodes).forEach(function (id) {
      if (!(perChapter && kind(id) === "m:")) show[id] = true;
    });
    var showEdges = {};
    var counts = {};
    var sizes = {};
    data.edges.forEach(function (e) {
      if (!shown.edges[e.id]) return;
      var m = byId[e.to];
      if (!perChapter || kind(e.to) !== "m:") { showEdges[e.id] = true; return; }
      if (!m.pg_chapter) return;
      var key = e.from + "\u0000" + m.pg_chapter + "\u0000" + e.role;
      counts[key] = (counts[key] || 0) + 1;
    });
    if (perChapter) {
      Object.keys(shown.nodes).forEach(function (id) {
        var c = byId[id].pg_chapter;
        if (kind(id) === "m:" && c) sizes[c] = (sizes[c] || 0) + 1;
      });
      Object.keys(sizes).forEach(function (c) { show["g:" + c] = true; });
    }
    var groupEdges = Object.keys(counts).map(function (key) {
      var parts = key.split("\u0000");
      var style = parts[2] === "lead" ? leadStyle : supportStyle;
      var chapter = names["g:" + parts[1]];
      return { id: "ge:" + key, from: parts[0], to: "g:" + parts[1], role: parts[2],
               value: counts[key], color: { color: style.color, opacity: 0.35 },
               dashes: style.dashes,
               title: tip([["meta", say("group_edge", { department: names[parts[0]],
                                                         chapter: chapter, n: counts[key] })]]) };
    });
    return { nodes: show, edges: showEdges, groupEdges: groupEdges, sizes: sizes };
  }

  function groupNode(g, sizes) {
    var id = "g:" + g.chapter;
    var n = sizes[g.chapter] || 0;
    return { id: id, hidden: !n, value: n,
             title: tip([["head", names[id]], ["meta", say("group_tip", { chapter: names[id], n: n })]]) };
  }

  // The first state is set in the data itself, before vis-network builds anything: hiding
  // 10,000 edges afterwards through DataSet updates takes seconds.
  var state = drawn();
  var hidden = {};
  data.nodes.forEach(function (n) {
    n.hidden = !state.nodes[n.id]; hidden[n.id] = n.hidden;
    if (kind(n.id) === "g:") Object.assign(n, groupNode({ chapter: +n.id.slice(2) }, state.sizes));
  });
  data.edges.forEach(function (e) { e.hidden = !state.edges[e.id]; });
  var shownMeasures = function () {
    return Object.keys(state.nodes).filter(function (id) { return kind(id) === "m:"; }).length;
  };
  var labelled = {}; // node id -> the label drawn now
  data.nodes.forEach(function (n) {
    if (kind(n.id) === "m:" && shownMeasures() > MAX_MEASURE_LABELS) n.label = "";
    labelled[n.id] = n.label;
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges.concat(state.groupEdges));
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network; // as in pyvis pages; tests and curious readers use it
  window.policygraph = { settled: false, nodes: nodes, edges: edges, names: names };

  function placeGroups() { // each chapter node at the middle of its measures, where they are now
    data.groups.forEach(function (g) {
      var ids = memberOf[g.chapter] || [];
      if (!ids.length) return;
      var at = network.getPositions(ids);
      var x = 0, y = 0;
      ids.forEach(function (id) { x += at[id].x; y += at[id].y; });
      network.moveNode("g:" + g.chapter, x / ids.length, y / ids.length);
    });
  }

  function apply() { // the filters' new state, as updates of what changed only
    read();
    var before = state;
    state = drawn();
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var hide = !state.nodes[n.id];
      if (kind(n.id) === "g:") {
        nodeUpdates.push(groupNode({ chapter: +n.id.slice(2) }, state.sizes));
      } else if (hidden[n.id] !== hide) {
        nodeUpdates.push({ id: n.id, hidden: hide });
      }
      hidden[n.id] = hide;
    });
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var was = !!before.edges[e.id], now = !!state.edges[e.id];
      if (was !== now) edgeUpdates.push({ id: e.id, hidden: !now });
    });
    if (nodeUpdates.length + edgeUpdates.length > REBUILD_OVER) {
      rebuild();
    } else {
      edges.remove(before.groupEdges.map(function (e) { return e.id; }));
      if (state.groupEdges.length) placeGroups();
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
      edges.add(state.groupEdges);
    }
    relabel();
  }

  // Showing thousands of edges one DataSet update at a time takes vis-network many seconds;
  // new data sets with the state in them, where the nodes are now, take one build.
  var REBUILD_OVER = 2000;
  function rebuild() {
    var at = network.getPositions();
    if (state.groupEdges.length) placeGroups();
    data.nodes.forEach(function (n) {
      if (at[n.id]) { n.x = at[n.id].x; n.y = at[n.id].y; }
      n.hidden = !state.nodes[n.id];
      n.label = labelled[n.id];
      if (kind(n.id) === "g:") {
        var pos = network.getPositions([n.id])[n.id];
        Object.assign(n, groupNode({ chapter: +n.id.slice(2) }, state.sizes), pos);
      }
    });
    data.edges.forEach(function (e) { e.hidden = !state.edges[e.id]; });
    nodes = new vis.DataSet(data.nodes);
    edges = new vis.DataSet(data.edges.concat(state.groupEdges));
    network.setData({ nodes: nodes, edges: edges });
    window.policygraph.nodes = nodes;
    window.policygraph.edges = edges;
  }

  function counts() {
    return { nodes: Object.keys(state.nodes).length,
             edges: Object.keys(state.edges).length + state.groupEdges.length };
  }

  // -- labels: FONT_PX high on screen, the busiest first, none over another -------------------
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT_PX + "px " + data.options.nodes.font.face;
  var priority = function (n) {
    if (n.pg_focus) return 1e9;
    if (kind(n.id) === "m:") return -1e6 + (n.value || 0);
    return (kind(n.id) === "d:" ? 1e6 : 2e6) + (n.value || 0);
  };
  function relabel() {
    var scale = network.getScale();
    network.setOptions({ nodes: { font: { size: FONT_PX / scale } } });
    var many = shownMeasures() > MAX_MEASURE_LABELS;
    var candidates = data.nodes.filter(function (n) {
      return state.nodes[n.id] && names[n.id] && !(many && kind(n.id) === "m:");
    });
    candidates.sort(function (a, b) { return priority(b) - priority(a); });
    var kept = [];
    var updates = [];
    var label = function (n, text) {
      if (labelled[n.id] !== text) { updates.push({ id: n.id, label: text }); labelled[n.id] = text; }
    };
    candidates.forEach(function (n) {
      var body = network.body.nodes[n.id];
      var p = network.canvasToDOM({ x: body.x, y: body.y });
      var w = measure.measureText(names[n.id]).width + 6;
      var h = FONT_PX * 1.3;
      var r = (body.options.size || 10) * scale;
      var box = { left: p.x - w / 2, right: p.x + w / 2, top: p.y + r, bottom: p.y + r + h };
      var free = kept.every(function (k) {
        return box.right <= k.left || box.left >= k.right || box.bottom <= k.top || box.top >= k.bottom;
      });
      if (free) kept.push(box);
      label(n, free ? names[n.id] : "");
    });
    if (many) data.nodes.forEach(function (n) { if (kind(n.id) === "m:") label(n, ""); });
    nodes.update(updates);
    window.policygraph.labelled = kept.length;
    window.policygraph.shown = counts();
    window.policygraph.filters = filters;
  }
  var pending = null;
  network.on("zoom", function () {
    clearTimeout(pending);
    pending = setTimeout(relabel, 120);
  });
  network.on("dragEnd", function () { relabel(); });

  function describe() {
    var c = counts();
    return say("status", { shown: c.nodes, edges: c.edges, nodes: data.nodes.length - data.groups.length });
  }
  function settled(how) {
    network.fit(); // on what the starting filters show
    relabel();
    window.policygraph.settled = true;
    document.body.setAttribute("data-settled", how);
    status.textContent = describe();
  }
  ["f-chapter", "f-kind", "f-supports", "f-min-shared", "f-top", "f-group"].forEach(function (id) {
    if (control(id)) control(id).addEventListener("change", function () {
      apply();
      network.fit(); // on what the filters left
      relabel();
      status.textContent = describe();
    });
  });
  if (!data.nodes.length) {
    network.setOptions({ physics: { enabled: false } });
    settled("empty");
  } else if (data.physics) {
    network.on("stabilizationProgress", function (p) {
      status.textContent = T.laying_out + " " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    // Stop the simulation once the layout is stable, so large views stay responsive.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      settled("physics");
    });
  } else {
    network.once("afterDrawing", function () { settled("fixed"); });
  }

  function showDetails(ids) {
    details.textContent = "";
    if (!ids.length) {
      details.textContent = T.pick;
      return;
    }
    ids.slice(0, 20).forEach(function (id) {
      details.appendChild(tips[id] ? tip(tips[id]) : tip([["head", names[id]]]));
    });
    if (ids.length > 20) {
      var more = document.createElement("div");
      more.textContent = say("more", { n: ids.length - 20 });
      details.appendChild(more);
    }
  }
  network.on("select", function (p) { showDetails(p.nodes); });

  // Search: names in a datalist; Enter (or choosing one) selects every shown match and zooms.
  var list = document.getElementById("names");
  var labels = {};
  Object.keys(names).forEach(function (id) { labels[names[id]] = true; });
  Object.keys(labels).sort().forEach(function (label) {
    var option = document.createElement("option");
    option.value = label;
    list.appendChild(option);
  });
  var search = document.getElementById("search");
  function find() {
    var q = search.value.trim().toLowerCase();
    if (!q) return;
    var shown = data.nodes.filter(function (n) { return state.nodes[n.id]; });
    var ids = shown.filter(function (n) { return names[n.id].toLowerCase() === q; });
    if (!ids.length) {
      ids = shown.filter(function (n) { return (n.search || names[n.id]).toLowerCase().indexOf(q) >= 0; });
    }
    ids = ids.map(function (n) { return n.id; });
    network.selectNodes(ids);
    showDetails(ids);
    if (ids.length) network.fit({ nodes: ids, animation: { duration: 400 } });
    status.textContent = say("matches", { n: ids.length }) + " · " + describe();
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") find(); });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = ""; // and every filter off (measures stay drawn as they are)
    if (control("f-chapter")) control("f-chapter").value = "";
    if (control("f-kind")) control("f-kind").value = "";
    if (control("f-supports")) control("f-supports").checked = false;
    if (control("f-min-shared")) control("f-min-shared").value = "1";
    if (control("f-top")) control("f-top").value = "0";
    apply();
    network.unselectAll();
    showDetails([]);
    network.fit();
    relabel();
    status.textContent = describe();
  });
})();
