/* NATO–Pakistan Atlas, part 4 of 5: stamp, legend, notices, mouse position, briefing, URL. */
(function (global) {
  "use strict";
  var Atlas = global.Atlas, _ = Atlas._;
  var NOTICE_MS = 8000;  // the tiles notice says its piece, then gets out of the way
  var SMALL_MAP_PX = 700;  // narrower maps (Compare) open with the legend folded

  function host() {
    try { var h = global.parent; return h !== global && h.document ? h : null; }
    catch (e) { return null; }  // not our page
  }

  /* The title stamp inside the map, so every screenshot carries it, and the legend of what
   * the scene shows: `legend_html` inline, or `legend_ref` into the manifest's `legends`. */
  _.applyStamp = function (map, stamp, legends) {
    var c = map.getContainer(), el = c.querySelector(".atlas-stamp");
    if (!el) return;
    el.querySelector(".atlas-stamp-title").textContent = stamp.title;
    el.querySelector(".atlas-stamp-sub").textContent = stamp.subtitle;
    var html = typeof stamp.legend_html === "string" ? stamp.legend_html
      : stamp.legend_ref != null && legends ? legends[stamp.legend_ref] : null;
    // A legend may come as a list of part ids into `legends.parts`: the years share most
    // rows (places, statuses), so the manifest sends each row once.
    if (Array.isArray(html)) {
      html = html.map(function (k) { return (legends.parts || {})[k] || ""; }).join("");
    }
    var rows = c.querySelector(".atlas-legend-rows");
    if (rows && typeof html === "string" && rows._atlasHtml !== html) {
      rows.innerHTML = html; // built on the server from the app's own style constants
      rows._atlasHtml = html;
    }
    var box = c.querySelector(".atlas-legend-overlays");
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
    showLegend(c);
    c.setAttribute("data-atlas-year", String(stamp.year));
    c.setAttribute("data-atlas-view", stamp.view);
  };

  /* How far down the map the title stamp reaches (px from the map's top edge). */
  _.stampBottom = function (map) {
    var c = map.getContainer(), stamp = c.querySelector(".atlas-stamp");
    if (!stamp || !stamp.offsetParent) return 0;
    return Math.max(0, stamp.getBoundingClientRect().bottom - c.getBoundingClientRect().top);
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

  /* A legend with nothing to list is not drawn. */
  function showLegend(c) {
    var div = c.querySelector(".atlas-legend"), rows = c.querySelector(".atlas-legend-rows");
    var ov = c.querySelector(".atlas-legend-overlays");
    if (!div) return;
    var empty = !(rows && rows.childNodes.length) && !(ov && ov.style.display !== "none");
    div.style.display = empty ? "none" : "";
  }

  function legend(map, opts) {
    var small = !!opts.compact_legend || map.getSize().x < SMALL_MAP_PX;
    var folded = typeof opts.legend_collapsed === "boolean" ? opts.legend_collapsed : small;
    control("bottomright", "atlas-legend leaflet-control" + (small ? " atlas-legend-compact" : ""),
      function (div) {
        var head = L.DomUtil.create("button", "atlas-legend-toggle", div);
        head.type = "button";
        var body = L.DomUtil.create("div", "atlas-legend-body", div);
        var rows = L.DomUtil.create("div", "atlas-legend-rows", body);
        rows.innerHTML = opts.legend_html || ""; // built from the app's own style constants
        rows._atlasHtml = opts.legend_html || "";
        function set(open) {
          body.style.display = open ? "block" : "none";
          head.textContent = open ? "Legend ▾" : "Legend ▸";
          head.setAttribute("aria-expanded", open ? "true" : "false");
          div.setAttribute("data-atlas-legend", open ? "open" : "folded");
        }
        set(!folded);
        L.DomEvent.on(head, "click", function () { set(body.style.display === "none"); });
        var ov = L.DomUtil.create("div", "atlas-legend-overlays", body);
        ov.style.display = "none";
        div.setAttribute("role", "region");
        div.setAttribute("aria-label", "Map legend");
      }).addTo(map);
  }

  function mouse(map) {
    control("bottomleft", "atlas-mouse leaflet-control", function (div, m) {
      div.textContent = "Lat, lon: move the pointer over the map";
      m.on("mousemove", function (e) {
        var lat = e.latlng.lat, lon = e.latlng.lng;
        div.textContent = Math.abs(lat).toFixed(4) + "° " + (lat >= 0 ? "N" : "S") + ", " +
          Math.abs(lon).toFixed(4) + "° " + (lon >= 0 ? "E" : "W");
      });
    }).addTo(map);
  }

  function fullscreen(map) {
    control("topleft", "atlas-fullscreen leaflet-bar leaflet-control", function (div, m) {
      var a = L.DomUtil.create("a", "", div);
      a.href = "#";
      a.title = "Full screen";
      a.setAttribute("role", "button");
      a.setAttribute("aria-label", "Toggle full screen");
      a.innerHTML = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="#222" stroke-width="2"/></svg>';
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        if (document.fullscreenElement) document.exitFullscreen();
        else if (m.getContainer().requestFullscreen) {
          m.getContainer().requestFullscreen().then(function () { m.invalidateSize(); });
        }
      });
    }).addTo(map);
  }

  /* The notice line: a dismiss button, and the tiles message hides by itself after
   * NOTICE_MS, when tiles load, or when another basemap (the bundled one) is chosen. A tile
   * layer says it once per time it is chosen, however many of its tiles fail. */
  function notices(inst, opts) {
    var map = inst.map;
    var notice = L.DomUtil.create("div", "atlas-notice", map.getContainer());
    notice.setAttribute("role", "status");
    notice.style.display = "none";
    L.DomUtil.create("span", "atlas-notice-text", notice);
    var close = L.DomUtil.create("button", "atlas-notice-close", notice);
    close.type = "button";
    close.title = "Dismiss";
    close.setAttribute("aria-label", "Dismiss this notice");
    L.DomEvent.disableClickPropagation(notice);
    L.DomEvent.on(close, "click", function () { notice.style.display = "none"; });
    var timer = null;
    function hideTiles() { clearTimeout(timer); _.unnotify(map, "tiles"); }
    // Leaflet counts each credit's holders (never below 0): what was held back is handed
    // back when a tile shows; on removal Leaflet's own decrement then finds nothing to take.
    function creditBack(layer) {
      if (!layer._atlasCreditHeld) return;
      layer._atlasCreditHeld = false;
      if (map.attributionControl) map.attributionControl.addAttribution(layer.getAttribution());
    }
    function watch(layer) {
      if (!(layer instanceof L.TileLayer) || layer._atlasWatched) return;
      layer._atlasWatched = true;
      layer.on("add", function () { layer._atlasSaid = false; layer._atlasTileOk = false; });
      layer.on("remove", function () { hideTiles(); layer._atlasCreditHeld = false; });
      layer.on("tileload", function () { layer._atlasTileOk = true; creditBack(layer); });
      layer.on("tileerror", function () {
        if (!layer._map) return;  // a tile given up on as the layer left
        // A tile layer is credited (by Leaflet, while it is on the map) only once a tile of
        // it has been shown: offline, "OpenStreetMap (online)" shows no OpenStreetMap tile.
        if (!layer._atlasTileOk && !layer._atlasCreditHeld && map.attributionControl &&
            layer.getAttribution()) {
          layer._atlasCreditHeld = true;
          map.attributionControl.removeAttribution(layer.getAttribution());
        }
        if (layer._atlasSaid) return;
        layer._atlasSaid = true;
        _.notify(map, opts.tiles_notice, "tiles");
        clearTimeout(timer);
        timer = setTimeout(hideTiles, opts.notice_ms || NOTICE_MS);
      });
      layer.on("tileload", hideTiles);
    }
    map.eachLayer(watch);
    map.on("layeradd", function (e) { watch(e.layer); });
    map.on("baselayerchange", hideTiles);
  }

  /* Briefing: no controls in the frame, the view's content fitted (unless the page's URL
   * carries an extent the analyst set), and fitted again when the frame is resized, until
   * the analyst moves the map. */
  function briefing(inst, opts) {
    var map = inst.map, c = map.getContainer();
    c.classList.add("atlas-briefing");
    map.options.zoomSnap = 0.25;  // a slide is framed by its content, not by whole zoom levels
    var h = host(), shared = false;
    try { shared = !!(h && new URL(h.location.href).searchParams.get("view")); }
    catch (e) { shared = false; }
    inst.userMoved = shared;
    function fit() {
      if (inst.userMoved || !opts.fit) return;
      // Room for the title stamp, measured now; while the page is resizing the frame it can
      // be laid out oddly for a moment, so never more than a fifth of the map.
      var size = map.getSize();
      var top = Math.min(_.stampBottom(map) + 6, size.y / 5);
      var legendBox = c.querySelector(".atlas-legend");  // bottom right: the content keeps clear
      var right = legendBox && legendBox.offsetParent ? legendBox.offsetWidth + 16 : 12;
      inst.fitting = true;
      try {
        map.fitBounds(opts.fit, { animate: false, paddingTopLeft: [12, top],
          paddingBottomRight: [Math.min(right, size.x / 4), 12] });
      } finally { inst.fitting = false; }
      c.setAttribute("data-atlas-fitted", "1");
    }
    map.on("dragstart", function () { inst.userMoved = true; });
    map.on("zoomstart", function () { if (!inst.fitting) inst.userMoved = true; });
    // The page sizes the frame to the window; the map inside was made at the component's
    // fixed height, so it follows the frame's own height (no white band below it).
    function fill() {  // only when the app asks (its frame is the window); other pages keep theirs
      if (opts.fill_window) c.style.height = global.innerHeight + "px";
    }
    fill();
    fit();
    var resized = function () { fill(); map.invalidateSize({ pan: false }); fit(); };
    if (global.ResizeObserver) new ResizeObserver(resized).observe(c);
    global.addEventListener("resize", resized);
  }

  /* Legend, stamp, mouse position, fullscreen, notices; briefing and URL sync if asked. */
  Atlas.controls = function (map, opts) {
    var inst = Atlas.create(map);
    inst.opts = opts;
    var stamp = L.DomUtil.create("div", "atlas-stamp", map.getContainer());
    L.DomUtil.create("div", "atlas-stamp-title", stamp).textContent = opts.title;
    L.DomUtil.create("div", "atlas-stamp-sub", stamp);
    legend(map, opts);
    showLegend(map.getContainer());
    mouse(map);
    fullscreen(map);
    notices(inst, opts);
    if (opts.briefing) briefing(inst, opts);  // `fit` may be null: controls hidden, view kept
    if (opts.sync_url) syncViewToUrl(inst);
  };

  /* Keep ?view=lat,lon,zoom in the page's URL as the analyst pans, without a rerun, so a
   * copied URL reopens the same extent and exports can frame what is on screen. A briefing
   * fit is not the analyst's extent and is not written. */
  function syncViewToUrl(inst) {
    var h = host(), map = inst.map;
    if (!h || !h.history) return;
    map.on("moveend", function () {
      if (inst.fitting) return;
      try {
        var c = map.getCenter();
        var url = new URL(h.location.href);
        url.searchParams.set("view", c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom());
        h.history.replaceState(h.history.state, "", url.toString());
      } catch (e) { /* a page that is not ours: leave its URL alone */ }
    });
  }

  /* Keep the maps of one group on one view, across the page's component iframes (they share
   * the app's origin): panning or zooming one moves the others. The registry lives on the
   * parent page; maps whose iframe has gone are dropped. */
  Atlas.sync = function (map, opts) {
    var h = host();
    if (!h) return;
    function alive(m) {
      try { var f = m.getContainer().ownerDocument.defaultView.frameElement; return !!(f && f.isConnected); }
      catch (e) { return false; }
    }
    var reg = h.__atlasSync = h.__atlasSync || {};
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
})(window);
