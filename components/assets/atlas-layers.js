/* NATO–Pakistan Atlas, part 2 of 5: drawing the layers (routes, markers, circles, clusters). */
(function (global) {
  "use strict";
  var Atlas = global.Atlas, _ = Atlas._, DRAW = _.DRAW;

  /* A popup opens clear of the title stamp: Leaflet reads autoPanPaddingTopLeft each time
   * it opens a popup, and the stamp's height changes with its text, so it is measured then. */
  _.bindPopup = function (layer, html) {
    layer.bindPopup(html, { maxWidth: 380, autoPanPaddingBottomRight: [8, 8] });
    Object.defineProperty(layer.getPopup().options, "autoPanPaddingTopLeft", {
      configurable: true,
      enumerable: true,
      get: function () {
        var map = layer._map;
        if (!map || !_.stampBottom) return L.point(8, 8);
        return L.point(8, Math.min(_.stampBottom(map) + 8, map.getSize().y / 3));
      },
    });
  };

  function numbers(dash) {
    return String(dash || "").split(/[\s,]+/).filter(Boolean).map(Number)
      .filter(function (n) { return n >= 0 && isFinite(n); });
  }

  /* A stretch of `length` px drawn in `dash` (solid when empty), then `length` px left
   * blank: two such lines, the second shifted by `length`, take turns along a route. */
  function stretch(dash, length) {
    var d = numbers(dash);
    if (d.length % 2) d = d.concat(d);  // SVG repeats an odd list twice
    var unit = d.reduce(function (a, b) { return a + b; }, 0);
    if (!d.length || unit <= 0) return [length, length];
    var out = [];
    var used = 0;
    while (used + unit <= length) { out = out.concat(d); used += unit; }
    if (!out.length) { out = d.slice(); used = unit; }
    out[out.length - 1] += (length - used) + length;
    return out;
  }

  function stretchLength(a, b, weight) {
    var unit = Math.max(numbers(a).reduce(function (x, y) { return x + y; }, 0),
      numbers(b).reduce(function (x, y) { return x + y; }, 0));
    var n = Math.max(1, Math.ceil(Math.max(30, 6 * weight) / Math.max(unit, 1)));
    return unit > 0 ? n * unit : Math.max(30, 6 * weight);
  }

  /* Route lines: a pale casing under a styled line carrying the tooltip and popup. A route
   * whose status changed inside the window has `second: {color, dash}`: the main and the
   * second status then take turns along it, stretch by stretch, each in its own dash. */
  Atlas.lines = DRAW.lines = function (group, lines) {
    lines.forEach(function (ln) {
      var second = ln.second && typeof ln.second === "object" ? ln.second : null;
      // With a second status, half the styled line is blank; the solid casing then carries
      // the tooltip and popup too, so the whole route answers the pointer.
      var casing = L.polyline(ln.latlngs, {
        color: "#FFFFFF", weight: ln.weight + 3, opacity: 0.85, interactive: !!second,
        className: second ? "atlas-route-casing" : "",
      }).addTo(group);
      if (second && ln.tooltip_html) casing.bindTooltip(ln.tooltip_html, { sticky: true });
      if (second && ln.popup_html) _.bindPopup(casing, ln.popup_html);
      var length = second ? stretchLength(ln.dash, second.dash, ln.weight) : 0;
      var mainDash = second ? stretch(ln.dash, length).join(" ") : (ln.dash || null);
      var line = L.polyline(ln.latlngs, {
        color: ln.color, weight: ln.weight, opacity: 0.95, dashArray: mainDash,
        lineCap: ln.dash || second ? "butt" : "round",
        className: "atlas-route atlas-status-" + ln.status,
      });
      if (ln.tooltip_html) line.bindTooltip(ln.tooltip_html, { sticky: true });
      if (ln.popup_html) _.bindPopup(line, ln.popup_html);
      line.addTo(group);
      if (second) {
        L.polyline(ln.latlngs, {
          color: second.color, weight: ln.weight, opacity: 0.95, interactive: false,
          dashArray: stretch(second.dash, length).join(" "), dashOffset: String(length),
          lineCap: "butt",
          className: "atlas-route-second" + (second.status ? " atlas-second-" + second.status : ""),
        }).addTo(group);
      }
    });
  };

  /* Where the markers standing on one spot go on screen: a ring around it, wide enough that
   * neighbours do not touch. Offsets are in pixels, so they hold at every zoom; the spot
   * itself keeps a small dot, as the coordinates are exact. */
  function fan(n, size) {
    // Square icons: neighbours on the ring must be a full icon apart along x or y, which a
    // chord of √2 × (size + gap) always is.
    var gap = size + 3;
    var r = n === 2 ? gap / 2 : (Math.SQRT2 * gap) / (2 * Math.sin(Math.PI / n)) + 1;
    var out = [];
    for (var i = 0; i < n; i++) {
      var a = -Math.PI / 2 + (2 * Math.PI * i) / n;
      out.push([Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a))]);
    }
    return out;
  }

  function stacks(markers) {
    var spots = {}, offsets = new Array(markers.length);
    markers.forEach(function (m, i) {
      if (!/\batlas-event\b/.test(m.cls || "")) return;
      var k = m.lat + "," + m.lon;
      (spots[k] = spots[k] || []).push(i);
    });
    Object.keys(spots).forEach(function (k) {
      var idx = spots[k];
      if (idx.length < 2) return;
      var size = Math.max.apply(null, idx.map(function (i) { return markers[i].size; }));
      var ring = fan(idx.length, size);
      idx.forEach(function (i, j) { offsets[i] = ring[j]; });
      offsets[idx[0]].spot = idx.length;
    });
    return offsets;
  }

  /* Point markers as inline-SVG DivIcons (places and events). */
  Atlas.markers = DRAW.markers = function (group, markers) {
    var offsets = stacks(markers);
    markers.forEach(function (m, i) {
      var off = offsets[i] || [0, 0];
      var cls = "atlas-marker " + m.cls + (m.selected ? " atlas-selected" : "");
      var body = document.createElement("div");
      body.innerHTML = m.icon_html; // inline SVG built by the server from style constants
      if (offsets[i]) {
        // The fan-out is done here; the server's own small sideways shift is undone.
        var shifted = body.querySelector("div[style]");
        if (shifted) shifted.style.transform = "";
        cls += " atlas-fanned";
      }
      // Labelled places are named at every zoom; the other places by their short name
      // from `label_min_zoom` on (atlas-labels.js hides a label below its zoom).
      var name = m.label || m.short_label;
      if (name) {
        var text = document.createElement("span");
        text.className = "atlas-place-label";
        text.textContent = name;
        if (!m.label && m.label_min_zoom) text.setAttribute("data-min-zoom", String(m.label_min_zoom));
        body.appendChild(text);
      }
      var marker = L.marker([m.lat, m.lon], {
        icon: L.divIcon({
          className: cls, html: body, iconSize: [m.size, m.size],
          iconAnchor: [m.size / 2 - off[0], m.size / 2 - off[1]],
        }),
        title: m.title, alt: m.title, riseOnHover: true, keyboard: true,
        zIndexOffset: m.selected ? 1000 : (m.z || 0),
      });
      if (m.tooltip_html) {
        marker.bindTooltip(m.tooltip_html, { direction: "top", offset: [off[0], off[1] - m.size / 2] });
      }
      if (m.popup_html) _.bindPopup(marker, m.popup_html);
      marker.addTo(group);
      if (offsets[i] && offsets[i].spot) {
        L.circleMarker([m.lat, m.lon], {
          radius: 2.5, weight: 1, color: "#222", fillColor: "#fff", fillOpacity: 1,
          interactive: false, className: "atlas-stack-spot",
        }).addTo(group);
      }
      if (m.selected && m.open_popup) setTimeout(function () { marker.openPopup(); }, 0);
    });
  };

  /* An analyst overlay: clustered canvas circle markers. Row = [lat, lon, label, date, row];
   * label and date were escaped on the server. In the app the payload holds the whole
   * overlay in year order (fetched once) and ref.slice picks the rows shown; an export
   * inlines the rows shown. The hidden id lets a click be traced to the full record,
   * which the app shows beside the map. Tooltips are made when first needed: one per
   * point up front cost more than the clustering. Clustering stops at zoom 10, so the
   * clusters are built for 7 zoom levels rather than 16. */
  Atlas.cluster = DRAW.cluster = function (group, p, ref) {
    if (!L.markerClusterGroup) return;
    var lo = 0, hi = p.rows.length;
    if (ref && ref.slice) {
      lo = Math.max(0, ref.slice[0] | 0);
      hi = Math.min(p.rows.length, ref.slice[1] | 0);
    }
    var renderer = L.canvas({ padding: 0.5 });
    var style = { radius: 5, color: p.color, weight: 1, fillColor: p.color, fillOpacity: 0.75,
      renderer: renderer };
    var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false,
      maxClusterRadius: 50, disableClusteringAtZoom: 10 });
    var markers = new Array(Math.max(0, hi - lo));
    for (var i = lo; i < hi; i++) {
      var m = L.circleMarker([p.rows[i][0], p.rows[i][1]], style);
      m._atlasRow = p.rows[i];
      markers[i - lo] = m;
    }
    function tip(e) {
      var m = e.layer, r = m && m._atlasRow;
      if (!r || m.getTooltip()) return;
      m.bindTooltip('<div class="atlas-tip"><span class="tid">[atlas-id:overlay:' + p.key + ":" +
        r[4] + "]</span><b>" + r[2] + "</b><br>" + r[3] + " · " + p.name + "</div>");
      if (e.type === "mouseover") m.openTooltip(e.latlng);
    }
    // Before the click reaches the map's click handler (it reads the tooltip's hidden id).
    cluster.on("mouseover click", tip);
    cluster.addLayers(markers);
    group.addLayer(cluster);
  };

  /* Uncertainty circles (radius in metres). */
  Atlas.circles = DRAW.circles = function (group, circles) {
    circles.forEach(function (c) {
      L.circle([c.lat, c.lon], {
        radius: c.radius_m, color: c.color, weight: c.weight, dashArray: c.dash,
        fillColor: c.color, fillOpacity: c.fill_opacity, interactive: false,
        className: "atlas-uncertainty",
      }).addTo(group);
    });
  };
})(window);
