// policygraph view: draws the network from the JSON in #graph-data. Plan text is untrusted,
// so it only ever reaches the page through textContent and vis-network's canvas labels.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var status = document.getElementById("status");
  var details = document.getElementById("details-body");

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
  data.nodes.forEach(function (n) { tips[n.id] = n.tip; n.title = tip(n.tip); delete n.tip; });
  data.edges.forEach(function (e, i) { e.id = "e" + i; e.title = tip(e.tip); delete e.tip; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network; // as in pyvis pages; tests and curious readers use it
  window.policygraph = { settled: false, nodes: nodes, edges: edges };

  function describe() {
    return nodes.length + " nodes, " + edges.length + " edges";
  }
  function settled(how) {
    window.policygraph.settled = true;
    document.body.setAttribute("data-settled", how);
    status.textContent = describe();
  }
  if (!nodes.length) {
    network.setOptions({ physics: { enabled: false } });
    settled("empty");
  } else if (data.physics) {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out… " + Math.round((100 * p.iterations) / p.total) + "%";
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
      details.textContent = "Click a node, or find one above.";
      return;
    }
    ids.slice(0, 20).forEach(function (id) { details.appendChild(tip(tips[id])); });
    if (ids.length > 20) {
      var more = document.createElement("div");
      more.textContent = "… and " + (ids.length - 20) + " more";
      details.appendChild(more);
    }
  }
  network.on("select", function (p) { showDetails(p.nodes); });

  // Search: labels in a datalist; Enter (or choosing one) selects every match and zooms to it.
  var list = document.getElementById("names");
  var labels = {};
  nodes.forEach(function (n) { labels[n.label] = true; });
  Object.keys(labels).sort().forEach(function (label) {
    var option = document.createElement("option");
    option.value = label;
    list.appendChild(option);
  });
  var search = document.getElementById("search");
  function find() {
    var q = search.value.trim().toLowerCase();
    if (!q) return;
    var exact = nodes.getIds({ filter: function (n) { return n.label.toLowerCase() === q; } });
    var ids = exact.length ? exact : nodes.getIds({
      filter: function (n) { return (n.search || n.label).toLowerCase().indexOf(q) >= 0; }
    });
    network.selectNodes(ids);
    showDetails(ids);
    if (ids.length) network.fit({ nodes: ids, animation: { duration: 400 } });
    status.textContent = ids.length + (ids.length === 1 ? " match" : " matches") + " · " + describe();
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") find(); });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    network.unselectAll();
    showDetails([]);
    network.fit({ animation: { duration: 400 } });
    status.textContent = describe();
  });
})();
