// policygraph view: draws the network from the JSON in #graph-data. Plan text is untrusted,
// so it only ever reaches the page through textContent and vis-network's canvas labels.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var T = data.text; // the page's words in the plan's language (policygraph/view_text.py)
  var status = document.getElementById("status");
  var details = document.getElementById("details-body");
  var FONT_PX = data.options.nodes.font.size; // a label's height on screen, whatever the zoom

  function say(key, fields) {
    return T[key].replace(/\{(\w+)\}/g, function (_, name) { return String(fields[name]); });
  }

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
  data.nodes.forEach(function (n) {
    tips[n.id] = n.tip; names[n.id] = n.label; n.title = tip(n.tip); delete n.tip;
    degree[n.id] = 0;
  });
  data.edges.forEach(function (e, i) {
    e.id = "e" + i; e.title = tip(e.tip); delete e.tip;
    degree[e.from] += 1; degree[e.to] += 1;
  });
  var isDepartment = function (n) { return n.id.slice(0, 2) === "d:"; };
  // Drawing order is the data's order: measures first, then departments from the smallest,
  // so the labels of the busiest departments are drawn over everything else.
  data.nodes.sort(function (a, b) {
    var da = isDepartment(a), db = isDepartment(b);
    if (da !== db) return da ? 1 : -1;
    return da ? (a.value || 0) - (b.value || 0) : 0;
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network; // as in pyvis pages; tests and curious readers use it
  window.policygraph = { settled: false, nodes: nodes, edges: edges, names: names };

  // -- filters: the controls start from the `view` command's options (data.filters) ----------
  var control = function (id) { return document.getElementById(id); };
  var filters = data.filters;
  var memberOf = {}; // chapter -> its measure ids
  data.nodes.forEach(function (n) {
    if (n.id.slice(0, 2) === "m:" && n.pg_chapter) {
      (memberOf[n.pg_chapter] = memberOf[n.pg_chapter] || []).push(n.id);
    }
  });
  nodes.add(data.groups.map(function (g) {
    var id = "g:" + g.chapter;
    names[id] = g.label;
    return { id: id, label: g.label, shape: "square", color: g.color, hidden: true,
             search: g.label, pg_group: true };
  }));

  function read() {
    if (control("f-chapter")) filters.chapter = control("f-chapter").value;
    if (control("f-kind")) filters.kind = control("f-kind").value;
    if (control("f-supports")) filters.hide_supports = control("f-supports").checked;
    if (control("f-min-shared")) filters.min_shared = Math.max(1, +control("f-min-shared").value || 1);
    if (control("f-top")) filters.top = Math.max(0, +control("f-top").value || 0);
    if (control("f-group")) filters.measures = control("f-group").checked ? "chapter" : "each";
  }

  // Which nodes and edges the filters leave, as {id: true}; one pass, in the data's order.
  function visible() {
    var keep = {};
    var depts = [];
    data.nodes.forEach(function (n) {
      if (isDepartment(n)) {
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

  // Measures one node per chapter: a department's edge to each chapter it has shown measures
  // in, as wide as their number (LEADS and SUPPORTS apart, so hiding SUPPORTS still works).
  function grouped(shown) {
    var counts = {};
    var inChapter = {};
    data.edges.forEach(function (e) {
      var m = nodes.get(e.to);
      if (!shown.edges[e.id] || !m || !m.pg_chapter) return;
      var key = e.from + "\u0000" + m.pg_chapter + "\u0000" + e.role;
      counts[key] = (counts[key] || 0) + 1;
    });
    Object.keys(shown.nodes).forEach(function (id) {
      var m = nodes.get(id);
      if (m && m.pg_chapter) inChapter[m.pg_chapter] = (inChapter[m.pg_chapter] || 0) + 1;
    });
    var lead = data.edges.filter(function (e) { return e.role === "lead"; })[0] || {};
    var support = data.edges.filter(function (e) { return e.role === "support"; })[0] || {};
    var made = Object.keys(counts).map(function (key) {
      var parts = key.split("\u0000");
      var style = parts[2] === "lead" ? lead : support;
      var chapter = names["g:" + parts[1]];
      return { id: "ge:" + key, from: parts[0], to: "g:" + parts[1], role: parts[2],
               value: counts[key], color: { color: style.color, opacity: 0.35 },
               dashes: style.dashes,
               title: tip([["meta", say("group_edge", { department: names[parts[0]],
                                                         chapter: chapter, n: counts[key] })]]) };
    });
    return { edges: made, sizes: inChapter };
  }

  function placeGroups() { // each chapter node at the middle of its measures
    data.groups.forEach(function (g) {
      var ids = memberOf[g.chapter] || [];
      if (!ids.length) return;
      var at = network.getPositions(ids);
      var x = 0, y = 0;
      ids.forEach(function (id) { x += at[id].x; y += at[id].y; });
      network.moveNode("g:" + g.chapter, x / ids.length, y / ids.length);
    });
  }

  var shownCount = { nodes: 0, edges: 0 };
  function apply() {
    read();
    var shown = visible();
    var perChapter = filters.measures === "chapter" && data.groups.length > 0;
    var nodeUpdates = [];
    nodes.forEach(function (n) {
      var show;
      if (n.pg_group) show = false; // set below
      else show = !!shown.nodes[n.id] && !(perChapter && n.id.slice(0, 2) === "m:");
      if (!!n.hidden === show) nodeUpdates.push({ id: n.id, hidden: !show });
    });
    var edgeUpdates = [];
    edges.forEach(function (e) {
      if (e.id.slice(0, 3) === "ge:") return;
      var show = !!shown.edges[e.id] && !(perChapter && e.to.slice(0, 2) === "m:");
      if (!!e.hidden === show) edgeUpdates.push({ id: e.id, hidden: !show });
    });
    edges.remove(edges.getIds({ filter: function (e) { return e.id.slice(0, 3) === "ge:"; } }));
    var groupsShown = 0, groupEdges = 0;
    if (data.groups.length) {
      var made = perChapter ? grouped(shown) : { edges: [], sizes: {} };
      data.groups.forEach(function (g) {
        var n = made.sizes[g.chapter] || 0;
        var label = names["g:" + g.chapter] + " · " + n;
        nodeUpdates.push({ id: "g:" + g.chapter, hidden: !n, value: n, label: label,
                           title: tip([["head", names["g:" + g.chapter]],
                                       ["meta", say("group_tip", { chapter: names["g:" + g.chapter], n: n })]]) });
        if (n) groupsShown += 1;
      });
      if (perChapter) placeGroups();
      edges.add(made.edges);
      groupEdges = made.edges.length;
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    shownCount.nodes = Object.keys(shown.nodes).length + groupsShown;
    if (perChapter) {
      shownCount.nodes -= Object.keys(shown.nodes).filter(function (id) { return id.slice(0, 2) === "m:"; }).length;
      shownCount.edges = groupEdges + Object.keys(shown.edges).filter(function (id) {
        return edges.get(id).to.slice(0, 2) !== "m:";
      }).length;
    } else {
      shownCount.edges = Object.keys(shown.edges).length;
    }
    window.policygraph.filters = filters;
    window.policygraph.shown = { nodes: shownCount.nodes, edges: shownCount.edges };
    relabel();
  }

  // -- labels: FONT_PX high on screen, the busiest first, none over another -------------------
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT_PX + "px " + data.options.nodes.font.face;
  var priority = function (n) {
    if (n.pg_focus) return 1e9;
    if (n.id.slice(0, 2) === "m:") return -1e6 + (n.value || 0);
    return (isDepartment(n) ? 1e6 : 2e6) + (n.value || 0);
  };
  function relabel() {
    var scale = network.getScale();
    var size = FONT_PX / scale;
    var candidates = nodes.get({ filter: function (n) { return !n.hidden && names[n.id]; } });
    candidates.sort(function (a, b) { return priority(b) - priority(a); });
    var kept = [];
    var updates = [];
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
      var label = free ? names[n.id] : "";
      if (n.label !== label || !n.font || n.font.size !== size) {
        updates.push({ id: n.id, label: label, font: { size: size } });
      }
    });
    nodes.update(updates);
    window.policygraph.labelled = kept.length;
  }
  var pending = null;
  network.on("zoom", function () {
    clearTimeout(pending);
    pending = setTimeout(relabel, 120);
  });
  network.on("dragEnd", function () { relabel(); });

  function describe() {
    return say("status", { shown: shownCount.nodes, edges: shownCount.edges, nodes: data.nodes.length });
  }
  function settled(how) {
    apply();
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
  if (!nodes.length) {
    network.setOptions({ physics: { enabled: false } });
    settled("empty");
  } else if (data.physics) {
    network.on("stabilizationProgress", function (p) {
      status.textContent = T.laying_out + " " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    // Stop the simulation once the layout is stable, so large views stay responsive.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
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
    var exact = nodes.getIds({ filter: function (n) { return !n.hidden && names[n.id].toLowerCase() === q; } });
    var ids = exact.length ? exact : nodes.getIds({
      filter: function (n) { return !n.hidden && (n.search || names[n.id]).toLowerCase().indexOf(q) >= 0; }
    });
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
