/* NATO–Pakistan Atlas: the drawing helpers the map script calls.
 *
 * Every payload arrives as JSON. Fields named *_html were built on the server from
 * escaped text (geo.text.escape_text); every other string is set as text, never as HTML.
 * Nothing is fetched from anywhere but the app itself: Leaflet, this file, the basemap and
 * the layer payloads sent by reference ({"$ref": url}).
 */
(function (global) {
  "use strict";
  var Atlas = {};

  function pane(map, name, zIndex) {
    if (!map.getPane(name)) {
      var p = map.createPane(name);
      p.style.zIndex = String(zIndex);
      if (name === "atlas-basemap" || name === "atlas-labels") {
        p.style.pointerEvents = "none";
      }
    }
    return name;
  }

  /* Layer payloads may arrive by reference, {"$ref": url}: the app serves the JSON once (the
   * URL carries a content hash) and a rerun that changes nothing in a layer sends a few bytes
   * instead of the layer. Each URL is fetched once per page and kept. */
  var fetched = {};

  function notify(container, text) {
    var n = container && container.querySelector(".atlas-notice");
    if (n) { n.textContent = text; n.style.display = "block"; }
  }

  function fetchJSON(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      fetched[url].catch(function () { delete fetched[url]; }); // a later rerun may retry
    }
    return fetched[url];
  }

  function layerError(map, err) {
    var c = map && map.getContainer();
    notify(c, "A map layer could not be loaded (" + err.message +
      "). Change the year or reload the page.");
    var n = c && c.querySelector(".atlas-notice");
    if (n) n.setAttribute("data-atlas-layer-error", "1");
  }

  function layerLoaded(map) {
    var n = map && map.getContainer().querySelector(".atlas-notice");
    if (n && n.getAttribute("data-atlas-layer-error")) {
      n.style.display = "none";
      n.removeAttribute("data-atlas-layer-error");
    }
  }

  /* The app's layers: Atlas.layer(group, {key, fn, $ref, slice?}). The group is the one
   * streamlit-folium made for this layer on this rerun; the drawing is built once per
   * (fn, $ref, slice) and kept, so a rerun or a year seen before costs no drawing. The
   * map also follows the sidebar's year slider by itself (see Atlas.years): each layer's
   * group is remembered by key so the year can be switched in place. */
  var built = [];  // [{id, layer}], most recent last
  var BUILT_MAX = 24;
  var groups = {}, specs = {}, tokens = {};
  var DRAW = {};

  function builtLayer(id) {
    for (var i = built.length - 1; i >= 0; i--) {
      if (built[i].id === id) {
        var hit = built.splice(i, 1)[0];
        built.push(hit);
        return hit.layer;
      }
    }
    return null;
  }

  function keep(id, layer) {
    built.push({ id: id, layer: layer });
    if (built.length > BUILT_MAX) {
      var old = built.shift().layer;
      if (old._atlasParent) old._atlasParent.removeLayer(old);
    }
  }

  function place(group, layer) {
    if (layer._atlasParent && layer._atlasParent !== group) layer._atlasParent.removeLayer(layer);
    group.eachLayer(function (l) { if (l !== layer) group.removeLayer(l); });
    if (!group.hasLayer(layer)) group.addLayer(layer);
    layer._atlasParent = group;
  }

  /* While any layer is being fetched the map container carries data-atlas-loading, so a
   * test (or a person's script) can wait for the year to be fully drawn. */
  var loading = 0;

  function setLoading(delta) {
    loading += delta;
    var c = state.map && state.map.getContainer();
    if (!c) return;
    if (loading > 0) c.setAttribute("data-atlas-loading", String(loading));
    else c.removeAttribute("data-atlas-loading");
  }

  function show(key, spec) {
    var group = groups[key];
    if (!group) return;
    specs[key] = spec;
    var token = tokens[key] = (tokens[key] || 0) + 1;
    var id = spec.fn + "|" + spec.$ref + "|" + (spec.slice ? spec.slice.join(",") : "");
    var hit = builtLayer(id);
    if (hit) { place(group, hit); return; }
    setLoading(1);
    fetchJSON(spec.$ref).then(function (data) {
      setLoading(-1);
      if (tokens[key] !== token) return;  // a newer year or rerun took this group over
      layerLoaded(group._map);
      var layer = L.featureGroup();
      DRAW[spec.fn](layer, data, spec);
      keep(id, layer);
      place(groups[key], layer);
    }, function (err) {
      setLoading(-1);
      layerError(group._map || state.map, err);
    });
  }

  Atlas.layer = function (group, spec) {
    groups[spec.key] = group;
    var year = state.manifest && followedYear();
    var entry = year != null ? state.manifest.years[String(year)] : null;
    show(spec.key, entry ? specFor(spec.key, spec, entry) : spec);
  };

  /* The bundled vector basemap, drawn below any online tiles so it shows when they fail.
   * The payload holds the layers inline (HTML export) or the URL of the app's own copy,
   * which the browser fetches once and caches instead of receiving it on every rerun. */
  Atlas.basemap = function (map, payload) {
    if (payload.url) {
      fetchJSON(payload.url).then(function (layers) { drawBasemap(map, layers); })
        .catch(function (err) {
          notify(map.getContainer(), "The bundled basemap could not be loaded (" + err.message + ").");
        });
    } else {
      drawBasemap(map, payload.layers);
    }
  };

  function drawBasemap(map, layers) {
    var basePane = pane(map, "atlas-basemap", 150);
    var labelPane = pane(map, "atlas-labels", 390);
    layers.forEach(function (layer) {
      if (layer.labels) {
        layer.data.features.forEach(function (f) {
          var c = f.geometry.coordinates;
          var el = document.createElement("span");
          el.textContent = f.properties.label;
          L.marker([c[1], c[0]], {
            pane: labelPane,
            interactive: false,
            keyboard: false,
            icon: L.divIcon({ className: "atlas-label " + (layer.className || ""), html: el, iconSize: null }),
          }).addTo(map);
        });
        return;
      }
      L.geoJSON(layer.data, {
        pane: basePane,
        interactive: false,
        style: function (f) {
          var s = Object.assign({}, layer.style);
          if (layer.focusStyle && f.properties && f.properties.focus) {
            Object.assign(s, layer.focusStyle);
          }
          return s;
        },
      }).addTo(map);
    });
    map.getContainer().setAttribute("data-atlas-basemap", "drawn");
  }

  /* Route lines: a pale casing under a styled line carrying the tooltip and popup. */
  Atlas.lines = DRAW.lines = function (group, lines) {
    lines.forEach(function (ln) {
      L.polyline(ln.latlngs, {
        color: "#FFFFFF", weight: ln.weight + 3, opacity: 0.85, interactive: false,
      }).addTo(group);
      var line = L.polyline(ln.latlngs, {
        color: ln.color, weight: ln.weight, opacity: 0.95, dashArray: ln.dash || null,
        lineCap: ln.dash ? "butt" : "round", className: "atlas-route atlas-status-" + ln.status,
      });
      if (ln.tooltip_html) line.bindTooltip(ln.tooltip_html, { sticky: true });
      if (ln.popup_html) line.bindPopup(ln.popup_html, { maxWidth: 380 });
      line.addTo(group);
    });
  };

  /* Point markers as inline-SVG DivIcons (places and events). */
  Atlas.markers = DRAW.markers = function (group, markers) {
    markers.forEach(function (m) {
      var cls = "atlas-marker " + m.cls + (m.selected ? " atlas-selected" : "");
      var body = document.createElement("div");
      body.innerHTML = m.icon_html; // inline SVG built by the server from style constants
      if (m.label) {
        var text = document.createElement("span");
        text.className = "atlas-place-label";
        text.textContent = m.label;
        body.appendChild(text);
      }
      var marker = L.marker([m.lat, m.lon], {
        icon: L.divIcon({
          className: cls, html: body, iconSize: [m.size, m.size],
          iconAnchor: [m.size / 2, m.size / 2],
        }),
        title: m.title, alt: m.title, riseOnHover: true, keyboard: true,
        zIndexOffset: m.selected ? 1000 : (m.z || 0),
      });
      if (m.tooltip_html) marker.bindTooltip(m.tooltip_html, { direction: "top", offset: [0, -m.size / 2] });
      if (m.popup_html) marker.bindPopup(m.popup_html, { maxWidth: 380 });
      marker.addTo(group);
      if (m.selected && m.open_popup) {
        setTimeout(function () { marker.openPopup(); }, 0);
      }
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

  /* The title stamp inside the map, so every screenshot carries it. */
  function applyStamp(map, stamp) {
    var el = map.getContainer().querySelector(".atlas-stamp");
    if (!el) return;
    el.querySelector(".atlas-stamp-title").textContent = stamp.title;
    el.querySelector(".atlas-stamp-sub").textContent = stamp.subtitle;
    var box = map.getContainer().querySelector(".atlas-legend-overlays");
    if (box) {
      box.textContent = "";
      (stamp.overlays || []).forEach(function (o) {
        var row = L.DomUtil.create("div", "row", box);
        var dot = L.DomUtil.create("span", "atlas-swatch", row);
        dot.style.background = /^#[0-9a-fA-F]{3,8}$/.test(o.color) ? o.color : "#000";
        L.DomUtil.create("span", "", row).textContent = o.name; // uploaded name: text only
      });
      box.style.display = (stamp.overlays || []).length ? "block" : "none";
    }
    map.getContainer().setAttribute("data-atlas-year", String(stamp.year));
    map.getContainer().setAttribute("data-atlas-view", stamp.view);
  }

  /* The map follows the sidebar's year slider by itself. A rerun brings a manifest of every
   * year's stamp, layer URLs and overlay slices for the current mode, layers and selection;
   * when the slider moves, the map switches to that year at once (fetching what it has not
   * seen), without waiting for the server's rerun, which then finds it already drawn. If
   * the slider cannot be found (another page layout), the map shows the rerun's year. */
  var state = { map: null, manifest: null, year: null, thumb: null, observer: null };

  function sliderThumb() {
    try {
      if (window.parent === window) return null;
      var sliders = window.parent.document.querySelectorAll('[data-testid="stSlider"]');
      for (var i = 0; i < sliders.length; i++) {
        var label = sliders[i].querySelector('[data-testid="stWidgetLabel"]');
        if (label && label.textContent.trim() === state.manifest.slider) {
          return sliders[i].querySelector('input[type="range"]');
        }
      }
    } catch (e) { /* not our page */ }
    return null;
  }

  function followedYear() {
    var t = state.thumb;
    var v = t && t.isConnected ? parseInt(t.value, 10) : NaN;
    return state.manifest.years[String(v)] ? v : state.manifest.year;
  }

  function specFor(key, spec, entry) {
    if (spec.fn === "cluster") {
      var slice = (entry.overlays && entry.overlays[key]) || [0, 0];
      return { key: key, fn: spec.fn, $ref: spec.$ref, slice: slice };
    }
    var ref = entry.layers && entry.layers[key];
    return ref ? { key: key, fn: spec.fn, $ref: ref } : spec;
  }

  /* Fetch the neighbouring years' layers while the browser is idle, so the next step of
   * the slider (or of play) finds them here instead of asking a server that is busy with
   * the rerun. Small static files, each fetched once per page. */
  var whenIdle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 200); };

  function prefetchAround(year) {
    whenIdle(function () {
      if (!state.manifest) return;
      [year + 1, year - 1].forEach(function (y) {
        var entry = state.manifest.years[String(y)];
        Object.keys((entry && entry.layers) || {}).forEach(function (k) {
          fetchJSON(entry.layers[k]).catch(function () { /* a real switch will say so */ });
        });
      });
    });
  }

  function switchYear() {
    if (!state.manifest || !state.map) return;
    var year = followedYear();
    var entry = state.manifest.years[String(year)];
    if (year === state.year || !entry) return;
    state.year = year;
    applyStamp(state.map, entry.stamp);
    Object.keys(groups).forEach(function (key) {
      if (specs[key] && groups[key]._map) show(key, specFor(key, specs[key], entry));
    });
    prefetchAround(year);
  }

  function watchSlider() {
    var thumb = sliderThumb();
    if (thumb === state.thumb) return;
    if (state.observer) state.observer.disconnect();
    state.thumb = thumb;
    if (!thumb) return;
    state.observer = new MutationObserver(switchYear);
    state.observer.observe(thumb, { attributes: true, attributeFilter: ["aria-valuetext", "value"] });
  }

  Atlas.stamp = function (map, stamp) {
    state.map = map;
    state.manifest = stamp.manifest || null;
    if (!state.manifest) {
      applyStamp(map, stamp);
      return;
    }
    watchSlider();
    map.getContainer().setAttribute("data-atlas-years",
      String(Object.keys(state.manifest.years).length));
    var year = followedYear();
    state.year = year;
    applyStamp(map, state.manifest.years[String(year)].stamp);
    prefetchAround(year);
  };

  function control(position, className, build) {
    var C = L.Control.extend({
      options: { position: position },
      onAdd: function (map) {
        var div = L.DomUtil.create("div", className);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        build(div, map);
        return div;
      },
    });
    return new C();
  }

  /* Legend, stamp, mouse position, fullscreen and the offline-tiles notice. */
  Atlas.controls = function (map, opts) {
    var stamp = L.DomUtil.create("div", "atlas-stamp", map.getContainer());
    L.DomUtil.create("div", "atlas-stamp-title", stamp).textContent = opts.title;
    L.DomUtil.create("div", "atlas-stamp-sub", stamp);

    control("bottomright", "atlas-legend leaflet-control", function (div) {
      var head = L.DomUtil.create("button", "atlas-legend-toggle", div);
      head.type = "button";
      head.textContent = "Legend ▾";
      head.setAttribute("aria-expanded", "true");
      var body = L.DomUtil.create("div", "atlas-legend-body", div);
      body.innerHTML = opts.legend_html; // built from the app's own style constants
      L.DomEvent.on(head, "click", function () {
        var open = body.style.display !== "none";
        body.style.display = open ? "none" : "block";
        head.textContent = open ? "Legend ▸" : "Legend ▾";
        head.setAttribute("aria-expanded", open ? "false" : "true");
      });
      var ov = L.DomUtil.create("div", "atlas-legend-overlays", body);
      ov.style.display = "none";
      div.setAttribute("role", "region");
      div.setAttribute("aria-label", "Map legend");
    }).addTo(map);

    control("bottomleft", "atlas-mouse leaflet-control", function (div, m) {
      div.textContent = "Lat, lon: move the pointer over the map";
      m.on("mousemove", function (e) {
        var lat = e.latlng.lat, lon = e.latlng.lng;
        div.textContent = Math.abs(lat).toFixed(4) + "° " + (lat >= 0 ? "N" : "S") + ", " +
          Math.abs(lon).toFixed(4) + "° " + (lon >= 0 ? "E" : "W");
      });
    }).addTo(map);

    control("topleft", "atlas-fullscreen leaflet-bar leaflet-control", function (div, m) {
      var a = L.DomUtil.create("a", "", div);
      a.href = "#";
      a.title = "Full screen";
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", "Toggle full screen");
      a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="#222" stroke-width="2"/></svg>';
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var doc = document;
        if (doc.fullscreenElement) { doc.exitFullscreen(); }
        else if (m.getContainer().requestFullscreen) {
          m.getContainer().requestFullscreen().then(function () { m.invalidateSize(); });
        }
      });
    }).addTo(map);

    var notice = L.DomUtil.create("div", "atlas-notice", map.getContainer());
    notice.setAttribute("role", "status");
    notice.style.display = "none";
    function watch(layer) {
      if (layer instanceof L.TileLayer && !layer._atlasWatched) {
        layer._atlasWatched = true;
        layer.on("tileerror", function () {
          notice.textContent = opts.tiles_notice;
          notice.style.display = "block";
        });
        layer.on("tileload", function () { notice.style.display = "none"; });
      }
    }
    map.eachLayer(watch);
    map.on("layeradd", function (e) { watch(e.layer); });
    map.on("baselayerchange", function () { notice.style.display = "none"; });
    if (opts.sync_url) { syncViewToUrl(map); }
  };

  /* Keep ?view=lat,lon,zoom in the page's URL as the analyst pans, without a rerun, so a
   * copied URL reopens the same extent and exports can frame what is on screen. */
  function syncViewToUrl(map) {
    var host;
    try { host = window.parent; if (host === window || !host.history) return; }
    catch (e) { return; }
    map.on("moveend", function () {
      try {
        var c = map.getCenter();
        var url = new URL(host.location.href);
        url.searchParams.set("view", c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom());
        host.history.replaceState(host.history.state, "", url.toString());
      } catch (e) { /* a page that is not ours: leave its URL alone */ }
    });
  }

  /* Keep the maps of one group on one view, across the page's component iframes (they share
   * the app's origin): panning or zooming one moves the others. The registry lives on the
   * parent page; maps whose iframe has gone are dropped. */
  Atlas.sync = function (map, opts) {
    var host;
    try { host = window.parent; if (host === window || !host.document) return; }
    catch (e) { return; }
    function alive(m) {
      try { var f = m.getContainer().ownerDocument.defaultView.frameElement; return !!(f && f.isConnected); }
      catch (e) { return false; }
    }
    var reg = host.__atlasSync = host.__atlasSync || {};
    reg[opts.group] = (reg[opts.group] || []).filter(function (m) { return m !== map && alive(m); });
    reg[opts.group].push(map);
    map.on("move zoomend", function () {
      if (map._atlasSyncing) return;
      var c = map.getCenter(), z = map.getZoom();
      reg[opts.group].forEach(function (other) {
        if (other === map || !alive(other)) return;
        other._atlasSyncing = true;
        try { other.setView([c.lat, c.lng], z, { animate: false }); }
        finally { other._atlasSyncing = false; }
      });
    });
  };

  global.Atlas = Atlas;
})(window);
