/* NATO–Pakistan Atlas, part 1 of 5: the namespace, one instance per map, fetching, layers.
 *
 * The app serves these files joined into one atlas.js, in the order of components/offline.py
 * (core, layers, labels, controls, follow); a test page may load them one by one.
 * Every payload arrives as JSON. Fields named *_html were built on the server from
 * escaped text (geo.text.escape_text); every other string is set as text, never as HTML.
 * Nothing is fetched from anywhere but the app itself: Leaflet, these files, the basemap and
 * the layer payloads sent by reference ({"$ref": url}).
 */
(function (global) {
  "use strict";
  var Atlas = global.Atlas = global.Atlas || {};
  var _ = Atlas._ = Atlas._ || {};  // shared between the parts; not an API
  _.DRAW = _.DRAW || {};

  /* Per-map state lives on the map's instance, never in module globals, so two maps on one
   * page (a test page, an export) keep their own layers, year, slider and notices. */
  function Instance(map) {
    this.map = map;
    this.built = [];  // [{id, layer}], most recent last
    this.groups = {};
    this.specs = {};
    this.tokens = {};
    this.loading = 0;
    this.manifest = null;
    this.year = null;
    this.thumb = null;
    this.observer = null;
    this.opts = {};
  }

  Atlas.create = function (map) {
    if (map._atlas) return map._atlas;
    var inst = new Instance(map);
    // Not enumerable: a script (or a test) that walks the map's fields does not walk into
    // every layer the instance keeps.
    Object.defineProperty(map, "_atlas", { value: inst, enumerable: false });
    _.last = inst;
    (_.onCreate || []).forEach(function (fn) { fn(inst); });
    return inst;
  };

  /* Markers and the vector overlay sit at a 2D translate, not at Leaflet's translate3d, and
   * the overlay drops Leaflet's will-change (atlas.css): they are painted with the map pane.
   * A 3D transform made every icon its own compositor layer, and the overlay's layer gave
   * each icon over it another (81 layers on the map; 29 with flat markers, 18 with the flat
   * overlay too). Re-layering them cost ~40 ms of Chromium's frames per year step (~12 ms
   * now, measured with its trace). Zoom animation still plays: Leaflet animates with a CSS
   * transition on transform, which the compositor runs while it lasts. */
  function flat(el, pos) {
    el._leaflet_pos = pos;  // as L.DomUtil.setPosition keeps it (getPosition reads it)
    el.style.transform = "translate(" + pos.x + "px," + pos.y + "px)";
  }

  if (global.L && L.Marker && !L.Marker.prototype._atlasFlat) {
    L.Marker.prototype._atlasFlat = true;
    L.Marker.prototype._setPos = function (pos) {
      if (this._icon) flat(this._icon, pos);
      if (this._shadow) flat(this._shadow, pos);
      this._zIndex = pos.y + this.options.zIndexOffset;
      this._resetZIndex();
    };
  }

  if (global.L && L.SVG && !L.SVG.prototype._atlasFlat) {
    L.SVG.prototype._atlasFlat = true;
    var svgUpdate = L.SVG.prototype._update;
    L.SVG.prototype._update = function () {
      svgUpdate.call(this);  // sizes the overlay and places it with translate3d
      var el = this._container;
      if (el && el._leaflet_pos && !this._map._animatingZoom) flat(el, el._leaflet_pos);
    };
  }

  /* The instance of a map, or of the map a layer group is on. streamlit-folium runs a
   * rerun's layer scripts before it adds their groups to the map; each of its iframes holds
   * one map, so a group not on a map yet belongs to the map made last in this window. */
  Atlas.instance = function (target) {
    if (!target) return null;
    if (target instanceof L.Map) return Atlas.create(target);
    if (target._map) return Atlas.create(target._map);
    return _.last || null;
  };

  _.pane = function (map, name, zIndex) {
    if (!map.getPane(name)) {
      var p = map.createPane(name);
      p.style.zIndex = String(zIndex);
      if (name === "atlas-basemap" || name === "atlas-labels") p.style.pointerEvents = "none";
    }
    return name;
  };

  /* Layer payloads may arrive by reference, {"$ref": url}: the app serves the JSON once (the
   * URL carries a content hash, so what it names never changes) and a rerun that changes
   * nothing in a layer sends a few bytes instead of the layer. Each URL is fetched once per
   * page and kept; this cache alone is shared by the maps of a page, as the files are. */
  var fetched = {};

  _.fetchJSON = function (url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
      fetched[url].catch(function () { delete fetched[url]; }); // a later rerun may retry
    }
    return fetched[url];
  };

  /* The map's notice line (made by Atlas.controls); kind tells which message holds it. */
  _.notify = function (map, text, kind) {
    var n = map && map.getContainer().querySelector(".atlas-notice");
    if (!n) return;
    n.querySelector(".atlas-notice-text").textContent = text;
    n.setAttribute("data-atlas-notice", kind || "info");
    n.style.display = "";  // as atlas.css lays it out
  };

  _.unnotify = function (map, kind) {
    var n = map && map.getContainer().querySelector(".atlas-notice");
    if (n && n.getAttribute("data-atlas-notice") === kind) {
      n.style.display = "none";
      n.removeAttribute("data-atlas-notice");
    }
  };

  function layerError(map, err) {
    _.notify(map, "A map layer could not be loaded (" + err.message +
      "). Change the year or reload the page.", "layer-error");
    var n = map && map.getContainer().querySelector(".atlas-notice");
    if (n) n.setAttribute("data-atlas-layer-error", "1");
  }

  function layerLoaded(map) {
    var n = map && map.getContainer().querySelector(".atlas-notice");
    if (n && n.getAttribute("data-atlas-layer-error")) {
      n.removeAttribute("data-atlas-layer-error");
      _.unnotify(map, "layer-error");
    }
  }

  /* The drawing for (fn, $ref, slice) is built once and kept (up to BUILT_MAX), so a rerun
   * or a year seen before costs no drawing. */
  var BUILT_MAX = 24;

  function builtLayer(inst, id) {
    for (var i = inst.built.length - 1; i >= 0; i--) {
      if (inst.built[i].id === id) {
        var hit = inst.built.splice(i, 1)[0];
        inst.built.push(hit);
        return hit.layer;
      }
    }
    return null;
  }

  function keep(inst, id, layer) {
    inst.built.push({ id: id, layer: layer });
    if (inst.built.length > BUILT_MAX) {
      var old = inst.built.shift().layer;
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
  function setLoading(inst, delta) {
    inst.loading += delta;
    var c = inst.map.getContainer();
    if (inst.loading > 0) c.setAttribute("data-atlas-loading", String(inst.loading));
    else c.removeAttribute("data-atlas-loading");
  }

  /* Show layer `key` as `spec` ({key, fn, $ref, slice?}) in its group. */
  _.show = function (inst, key, spec) {
    var group = inst.groups[key];
    if (!group) return;
    inst.specs[key] = spec;
    var token = inst.tokens[key] = (inst.tokens[key] || 0) + 1;
    var id = spec.fn + "|" + spec.$ref + "|" + (spec.slice ? spec.slice.join(",") : "");
    var hit = builtLayer(inst, id);
    if (hit) { place(group, hit); return; }
    setLoading(inst, 1);
    _.fetchJSON(spec.$ref).then(function (data) {
      setLoading(inst, -1);
      if (inst.tokens[key] !== token) return;  // a newer year or rerun took this group over
      layerLoaded(inst.map);
      var layer = L.featureGroup();
      _.DRAW[spec.fn](layer, data, spec);
      keep(inst, id, layer);
      place(inst.groups[key], layer);
    }, function (err) {
      setLoading(inst, -1);
      layerError(inst.map, err);
    });
  };

  /* The app's layers: Atlas.layer(group, {key, fn, $ref, slice?}). The group is the one
   * streamlit-folium made for this layer on this rerun; it is remembered by key so the map
   * can switch the year in place when it follows the slider (atlas-follow.js). */
  Atlas.layer = function (group, spec) {
    var inst = Atlas.instance(group);
    if (!inst) { group.once("add", function () { Atlas.layer(group, spec); }); return; }
    inst.groups[spec.key] = group;
    _.show(inst, spec.key, _.followedSpec ? _.followedSpec(inst, spec) : spec);
  };

  /* The bundled vector basemap, drawn below any online tiles so it shows when they fail.
   * The payload holds the layers inline (HTML export) or the URL of the app's own copy,
   * which the browser fetches once and caches instead of receiving it on every rerun. */
  Atlas.basemap = function (map, payload) {
    Atlas.create(map);
    if (payload.url) {
      _.fetchJSON(payload.url).then(function (layers) { drawBasemap(map, layers); })
        .catch(function (err) {
          _.notify(map, "The bundled basemap could not be loaded (" + err.message + ").", "basemap");
        });
    } else {
      drawBasemap(map, payload.layers);
    }
  };

  function drawBasemap(map, layers) {
    var basePane = _.pane(map, "atlas-basemap", 150);
    var labelPane = _.pane(map, "atlas-labels", 390);
    layers.forEach(function (layer) {
      if (layer.labels) {
        // A labels layer with `minZoom` (the towns) shows only from that zoom on.
        var group = L.layerGroup();
        layer.data.features.forEach(function (f) {
          var c = f.geometry.coordinates;
          var el = document.createElement("span");
          el.textContent = f.properties.label;
          L.marker([c[1], c[0]], {
            pane: labelPane, interactive: false, keyboard: false,
            icon: L.divIcon({ className: "atlas-label " + (layer.className || ""), html: el, iconSize: null }),
          }).addTo(group);
        });
        var min = Number(layer.minZoom || 0);
        var toggle = function () {
          if (map.getZoom() >= min) { if (!map.hasLayer(group)) group.addTo(map); }
          else if (map.hasLayer(group)) map.removeLayer(group);
        };
        toggle();
        if (min) map.on("zoomend", toggle);
        return;
      }
      L.geoJSON(layer.data, {
        pane: basePane,
        interactive: false,
        style: function (f) {
          var s = Object.assign({}, layer.style);
          if (layer.focusStyle && f.properties && f.properties.focus) Object.assign(s, layer.focusStyle);
          return s;
        },
      }).addTo(map);
    });
    map.getContainer().setAttribute("data-atlas-basemap", "drawn");
  }
})(window);
