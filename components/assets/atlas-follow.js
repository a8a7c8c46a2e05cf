/* NATO–Pakistan Atlas, part 5 of 5: the map follows the sidebar's year slider by itself.
 *
 * A rerun brings a manifest of every year's stamp, layer URLs and overlay slices for the
 * current mode, layers and selection; when the slider moves, the map switches to that year
 * at once (fetching what it has not seen), without waiting for the server's rerun, which
 * then finds it already drawn. If the slider cannot be found (another page layout), the map
 * shows the page URL's year= (the slider is bound to it), else the manifest's year.
 *
 * The server keeps the manifest and the layers' arguments the same for every year of one
 * mode and layer choice, so a step changes nothing streamlit-folium compares: it neither
 * removes and re-runs the layers the map has already switched nor receives them again.
 *
 * The manifest names the slider by its widget key, {"slider": {"key": "year"}}: Streamlit
 * gives a keyed widget's container the class st-key-<key> in the page. The older form, the
 * slider's label as a string, is still understood.
 */
(function (global) {
  "use strict";
  var Atlas = global.Atlas, _ = Atlas._;

  function parentDocument() {
    try { return global.parent !== global ? global.parent.document : null; }
    catch (e) { return null; }  // not our page
  }

  /* As Streamlit's frontend makes the class from a key (non-word characters become "-"). */
  _.keyClass = function (key) {
    return "st-key-" + String(key).trim().replace(/[^a-zA-Z0-9_-]/g, "-");
  };

  function thumbIn(el) {
    return el && (el.querySelector('input[type="range"]') || el.querySelector('[role="slider"]'));
  }

  _.findSlider = function (doc, slider) {
    if (!doc || !slider) return null;
    if (typeof slider === "object" && slider.key != null) {
      return thumbIn(doc.querySelector("." + _.keyClass(slider.key)));
    }
    if (typeof slider === "string") {
      var sliders = doc.querySelectorAll('[data-testid="stSlider"]');
      for (var i = 0; i < sliders.length; i++) {
        var label = sliders[i].querySelector('[data-testid="stWidgetLabel"]');
        if (label && label.textContent.trim() === slider) return thumbIn(sliders[i]);
      }
    }
    return null;
  };

  function thumbValue(t) {
    if (!t || !t.isConnected) return NaN;
    var v = t.value != null && t.value !== "" ? t.value : t.getAttribute("aria-valuenow");
    return parseInt(v, 10);
  }

  function urlYear() {
    try { return parseInt(new URLSearchParams(global.parent.location.search).get("year"), 10); }
    catch (e) { return NaN; }  // not our page
  }

  /* The slider's year; else the URL's; else (a year the manifest does not hold yet, such as
   * an overlay's year after 2015, whose rerun brings it) the year on the map; else the
   * manifest's own. */
  function followedYear(inst) {
    var years = inst.manifest.years, v = thumbValue(inst.thumb);
    if (years[String(v)]) return v;
    var u = urlYear();
    if (years[String(u)]) return u;
    return inst.year != null && years[String(inst.year)] ? inst.year : inst.manifest.year;
  }

  function specFor(key, spec, entry) {
    if (spec.fn === "cluster") {
      var slice = (entry.overlays && entry.overlays[key]) || [0, 0];
      return { key: key, fn: spec.fn, $ref: spec.$ref, slice: slice };
    }
    var ref = entry.layers && entry.layers[key];
    return ref ? { key: key, fn: spec.fn, $ref: ref } : spec;
  }

  /* The spec a layer of this rerun should show: the followed year's, if there is a manifest. */
  _.followedSpec = function (inst, spec) {
    if (!inst.manifest) return spec;
    var entry = inst.manifest.years[String(followedYear(inst))];
    return entry ? specFor(spec.key, spec, entry) : spec;
  };

  /* Fetch the neighbouring years' layers while the browser is idle, so the next step of
   * the slider (or of play) finds them here instead of asking a server that is busy with
   * the rerun. Small static files, each fetched once per page. */
  var whenIdle = global.requestIdleCallback || function (fn) { return setTimeout(fn, 200); };

  function prefetchAround(inst, year) {
    whenIdle(function () {
      if (!inst.manifest) return;
      [year + 1, year - 1].forEach(function (y) {
        var entry = inst.manifest.years[String(y)];
        Object.keys((entry && entry.layers) || {}).forEach(function (k) {
          _.fetchJSON(entry.layers[k]).catch(function () { /* a real switch will say so */ });
        });
      });
    });
  }

  function switchYear(inst) {
    if (!inst.manifest) return;
    var year = followedYear(inst);
    var entry = inst.manifest.years[String(year)];
    if (year === inst.year || !entry) return;
    inst.year = year;
    _.applyStamp(inst.map, entry.stamp, inst.manifest.legends);
    Object.keys(inst.groups).forEach(function (key) {
      if (inst.specs[key] && inst.groups[key]._map) _.show(inst, key, specFor(key, inst.specs[key], entry));
    });
    prefetchAround(inst, year);
  }

  function watchSlider(inst) {
    var thumb = _.findSlider(parentDocument(), inst.manifest.slider);
    if (thumb === inst.thumb) return;
    if (inst.observer) inst.observer.disconnect();
    inst.thumb = thumb;
    if (!thumb) return;
    // Drawn in a task of its own, not in this microtask: the key press that moved the
    // slider has already queued Streamlit's send of the new value (a 0 ms timer), so the
    // server starts the page's rerun while the map draws, instead of after it.
    inst.observer = new MutationObserver(function () {
      if (inst.switchQueued) return;
      inst.switchQueued = true;
      setTimeout(function () { inst.switchQueued = false; switchYear(inst); }, 0);
    });
    inst.observer.observe(thumb, {
      attributes: true, attributeFilter: ["aria-valuetext", "aria-valuenow", "value"],
    });
  }

  Atlas.stamp = function (map, stamp) {
    var inst = Atlas.create(map);
    inst.manifest = stamp.manifest || null;
    if (!inst.manifest) {
      _.applyStamp(map, stamp);
      return;
    }
    watchSlider(inst);
    map.getContainer().setAttribute("data-atlas-years", String(Object.keys(inst.manifest.years).length));
    map.getContainer().setAttribute("data-atlas-slider", inst.thumb ? "found" : "missing");
    var year = followedYear(inst);
    inst.year = year;
    _.applyStamp(map, inst.manifest.years[String(year)].stamp, inst.manifest.legends);
    prefetchAround(inst, year);
  };
})(window);
