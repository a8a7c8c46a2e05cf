/* NATO–Pakistan Atlas, part 3 of 5: place labels that keep clear of markers and each other.
 *
 * Each place label tries eight positions around its marker (right first, then left, the
 * corners, above and below) and takes the first that overlaps no marker and no label placed
 * before it; a label with no free position is hidden at this zoom. The basemap's region
 * labels give way to everything. Laid out again after every zoom and whenever a layer
 * arrives (once per frame). Positions are computed from the markers' anchors, not read back
 * from the page, so a layout costs one measurement per label, once.
 */
(function (global) {
  "use strict";
  var Atlas = global.Atlas, _ = Atlas._;
  var GAP = 3;
  var SAME = 2;  // markers whose spots are this close (px) stand on one spot
  var ORDER = ["e", "w", "ne", "se", "nw", "sw", "n", "s"];

  function box(x, y, w, h) { return { l: x, t: y, r: x + w, b: y + h }; }
  function hit(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
  function free(b, taken) {
    for (var i = 0; i < taken.length; i++) if (hit(b, taken[i])) return false;
    return true;
  }

  function size(el) {
    if (!el._atlasW) { el._atlasW = el.offsetWidth; el._atlasH = el.offsetHeight; }
    return [el._atlasW, el._atlasH];  // 0 while the page is hidden: measured again then
  }

  /* The marker's icon box in container pixels. */
  function iconBox(map, marker) {
    // An icon may give its size as [w, h], as an L.Point (markercluster), or not at all
    // (iconSize: null): then the drawn element's own size counts.
    var o = marker.options.icon.options, s = o.iconSize, el = marker._icon;
    if (!s) s = [el ? el.offsetWidth : 0, el ? el.offsetHeight : 0];
    else if (s.x !== undefined) s = [s.x, s.y];
    var a = o.iconAnchor || [s[0] / 2, s[1] / 2];
    if (a.x !== undefined) a = [a.x, a.y];
    var p = map.latLngToContainerPoint(marker.getLatLng());
    var b = box(p.x - a[0], p.y - a[1], s[0], s[1]);
    b.x = p.x;  // the spot itself
    b.y = p.y;
    return b;
  }

  /* Candidate position `pos` of a w×h label beside marker box m, as a box. */
  function candidate(m, pos, w, h) {
    var cx = (m.l + m.r) / 2, cy = (m.t + m.b) / 2;
    var x = pos.indexOf("e") >= 0 ? m.r + GAP : pos.indexOf("w") >= 0 ? m.l - GAP - w : cx - w / 2;
    var y = pos.indexOf("n") >= 0 ? m.t - GAP - h : pos.indexOf("s") >= 0 ? m.b + GAP : cy - h / 2;
    if (pos === "ne" || pos === "nw") y = m.t - h + 2;
    if (pos === "se" || pos === "sw") y = m.b - 2;
    return box(x, y, w, h);
  }

  /* A place's box grown by the events standing on the same spot (fanned out around it),
   * so that its label goes beside the whole group rather than under one of them. */
  function footprint(b, markers) {
    var out = { l: b.l, t: b.t, r: b.r, b: b.b };
    markers.forEach(function (m) {
      if (m.place || Math.abs(m.x - b.x) > SAME || Math.abs(m.y - b.y) > SAME) return;
      out = { l: Math.min(out.l, m.l), t: Math.min(out.t, m.t), r: Math.max(out.r, m.r),
        b: Math.max(out.b, m.b) };
    });
    return out;
  }

  function layout(inst) {
    inst.labelFrame = null;
    var map = inst.map;
    if (!map._loaded) return;
    var view = map.getSize();
    var screen = box(-200, -100, view.x + 400, view.y + 200);
    var markers = [], labelled = [], regions = [];
    map.eachLayer(function (l) {
      if (!(l instanceof L.Marker) || !l._icon) return;
      if (l.options.pane === "atlas-labels") {
        var r = l._icon.querySelector("span");
        if (r) regions.push({ layer: l, el: r });
        return;
      }
      var b = iconBox(map, l);
      if (!hit(b, screen)) return;
      b.place = /\batlas-place\b/.test(l._icon.className);
      markers.push(b);
      var label = l._icon.querySelector(".atlas-place-label");
      if (label) labelled.push({ box: b, el: label });
    });
    var taken = markers.slice();
    var zoom = map.getZoom();
    labelled.forEach(function (item) {
      var min = Number(item.el.getAttribute("data-min-zoom") || 0);
      if (zoom < min) {  // a minor place: named only when zoomed in far enough
        item.el.style.visibility = "hidden";
        item.el.setAttribute("data-atlas-label", "zoom");
        return;
      }
      var wh = size(item.el), placed = null, around = footprint(item.box, markers);
      for (var i = 0; i < ORDER.length && !placed; i++) {
        var c = candidate(around, ORDER[i], wh[0], wh[1]);
        if (free(c, taken)) placed = { pos: ORDER[i], box: c };
      }
      var el = item.el;
      if (!placed) {
        el.style.visibility = "hidden";
        el.setAttribute("data-atlas-label", "hidden");
        return;
      }
      taken.push(placed.box);
      el.style.visibility = "";
      el.style.left = (placed.box.l - item.box.l) + "px";
      el.style.top = (placed.box.t - item.box.t) + "px";
      el.style.transform = "none";
      el.setAttribute("data-atlas-label", placed.pos);
    });
    regions.forEach(function (item) {
      var wh = size(item.el), p = map.latLngToContainerPoint(item.layer.getLatLng());
      var b = box(p.x - wh[0] / 2, p.y - wh[1] / 2, wh[0], wh[1]);
      var ok = !hit(b, screen) || free(b, taken);
      item.el.style.visibility = ok ? "" : "hidden";
      if (ok && hit(b, screen)) taken.push(b);
    });
    map.getContainer().setAttribute("data-atlas-labels", String(labelled.length));
  }

  _.relabel = function (inst) {
    if (inst.labelFrame) return;
    var later = global.requestAnimationFrame || function (fn) { return setTimeout(fn, 16); };
    inst.labelFrame = later(function () { layout(inst); });
  };

  _.layoutLabels = layout;

  (_.onCreate = _.onCreate || []).push(function (inst) {
    var again = function () { _.relabel(inst); };
    inst.map.on("zoomend viewreset resize layeradd layerremove", again);
    inst.map.whenReady(again);
  });
})(window);
