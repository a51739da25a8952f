/* Click-to-highlight on the map, in the browser: a click on a city draws its links and partners at once
   (a few SVG elements in the geo subplot's front layer), without touching the figure. Plotly re-projects
   them when the map is panned or zoomed (they are registered with the subplot like its own paths and
   points). The server still answers the click (URL, card, the figure's selection traces); when its
   selection is drawn, this one goes. Inputs: dashboard/figures/map_highlight.py. */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var KEY = 'borderlinksHighlight';
  var COLOUR = '#E69F00', INK = '#1F2328';
  var TOLERANCE = 1e-4;  // degrees: float32 coordinates of the same place agree far closer than this
  var decoded = {source: null, lon: null, lat: null};

  function near(a, b) { return Math.abs(a - b) < TOLERANCE; }

  function floats(text) {
    var bytes = atob(text), buffer = new ArrayBuffer(bytes.length), view = new Uint8Array(buffer);
    for (var i = 0; i < bytes.length; i++) { view[i] = bytes.charCodeAt(i); }
    return new Float32Array(buffer);
  }

  /* Segment arrays (a, b, NaN, ...) to search: the store's, else the drawn link traces'. */
  function segmentArrays(gd, inputs) {
    if (inputs.segments) {
      if (decoded.source !== inputs.segments) {
        decoded = {source: inputs.segments, lon: floats(inputs.segments.lon), lat: floats(inputs.segments.lat)};
      }
      return [[decoded.lon, decoded.lat]];
    }
    return inputs.links.map(function (index) { return gd._fullData[index]; })
      .filter(function (trace) { return trace && trace.visible === true && trace.lon && trace.lat; })
      .map(function (trace) { return [trace.lon, trace.lat]; });
  }

  /* The other ends of every segment with one end at (lon, lat), as [[lon, lat], ...], each once. */
  function partnersOf(gd, inputs, lon, lat) {
    var found = [], seen = {};
    segmentArrays(gd, inputs).forEach(function (pair) {
      var lons = pair[0], lats = pair[1];
      for (var i = 0; i + 1 < lons.length; i += 3) {
        var other = -1;
        if (near(lons[i], lon) && near(lats[i], lat)) { other = i + 1; }
        else if (near(lons[i + 1], lon) && near(lats[i + 1], lat)) { other = i; }
        if (other < 0) { continue; }
        var key = lons[other].toFixed(4) + ',' + lats[other].toFixed(4);
        if (!seen[key]) { seen[key] = true; found.push([lons[other], lats[other]]); }
      }
    });
    return found;
  }

  /* A stand-in for the d3 selections plotly keeps per subplot: `attr(name, fn)` over our nodes. */
  function nodes(list) {
    return {
      attr: function (name, value) {
        list.forEach(function (node) {
          var v = typeof value === 'function' ? value(node.__data__) : value;
          if (v === null || v === undefined) { node.removeAttribute(name); } else { node.setAttribute(name, v); }
        });
        return this;
      }
    };
  }

  function clear(geo) {
    var layer = geo.layers.frontplot.node().querySelector('.borderlinks-highlight');
    if (layer) { layer.remove(); }
    delete geo.dataPaths[KEY];
    delete geo.dataPoints[KEY];
  }

  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function circle(radius) {
    return 'M' + radius + ',0A' + radius + ',' + radius + ' 0 1,1 0,-' + radius + 'A' + radius + ',' + radius +
      ' 0 0,1 ' + radius + ',0Z';
  }

  function draw(geo, lon, lat, partners) {
    clear(geo);
    var layer = element('g', {'class': 'borderlinks-highlight', 'pointer-events': 'none'});
    var links = element('path', {'class': 'js-highlight-links', fill: 'none', stroke: COLOUR, 'stroke-width': 2.2});
    links.__data__ = {geojson: {type: 'MultiLineString', coordinates: partners.map(function (p) {
      return [[lon, lat], p];
    })}};
    layer.appendChild(links);
    var points = partners.map(function (p) {
      var node = element('path', {'class': 'js-highlight-point', d: circle(5), fill: COLOUR, stroke: INK,
                                  'stroke-width': 1.2});
      node.__data__ = {lonlat: p};
      return node;
    });
    var city = element('path', {'class': 'js-highlight-city', d: circle(9), fill: COLOUR, stroke: INK,
                                'stroke-width': 1.2});
    city.__data__ = {lonlat: [lon, lat]};
    points.push(city);
    points.forEach(function (node) { layer.appendChild(node); });
    geo.layers.frontplot.node().appendChild(layer);
    geo.dataPaths[KEY] = nodes([links]);
    geo.dataPoints[KEY] = nodes(points);
    var path = geo.projection.getPath();
    geo.dataPaths[KEY].attr('d', function (d) { return path(d.geojson); });
    geo.dataPoints[KEY].attr('transform', function (d) {
      var xy = geo.projection(d.lonlat);
      return xy ? 'translate(' + xy[0] + ',' + xy[1] + ')' : null;
    }).attr('display', function (d) { return geo.projection.isLonLatOverEdges(d.lonlat) ? 'none' : null; });
    layer.dataset.lon = lon;
    layer.dataset.lat = lat;
    layer.dataset.drawnAt = Date.now();
  }

  /* After plotly redraws: our highlight goes once the figure's own selection shows the same city, or
     when it is older than the server's usual answer. */
  function watch(gd, inputs) {
    if (gd.__borderlinksHighlightWatch) { return; }
    gd.__borderlinksHighlightWatch = true;
    gd.on('plotly_afterplot', function () {
      var geo = gd._fullLayout.geo && gd._fullLayout.geo._subplot;
      var layer = geo && geo.layers.frontplot.node().querySelector('.borderlinks-highlight');
      if (!layer) { return; }
      var selection = gd._fullData[inputs.selection];
      var caughtUp = selection && selection.lon && selection.lon.length &&
        near(selection.lon[0], +layer.dataset.lon) && near(selection.lat[0], +layer.dataset.lat);
      if (caughtUp || Date.now() - layer.dataset.drawnAt > 3000) { clear(geo); }
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    borderlinks_map: {
      /* clickData -> the highlight drawn; returns {place, partners} (or no_update when nothing to do). */
      highlight: function (click, inputs, graphId) {
        var none = window.dash_clientside.no_update;
        var point = click && click.points && click.points[0];
        if (!point || typeof point.customdata !== 'number' || !inputs) { return none; }
        var gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
        var geo = gd && gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
        var trace = gd && gd._fullData[point.curveNumber];
        if (!geo || !trace || !trace.lon) { return none; }
        var lon = trace.lon[point.pointNumber], lat = trace.lat[point.pointNumber];
        watch(gd, inputs);
        var selection = gd._fullData[inputs.selection];
        if (selection && selection.lon && selection.lon.length && near(selection.lon[0], lon) &&
            near(selection.lat[0], lat)) {
          clear(geo);  // a click on the chosen city ends the choice (the server clears its selection)
          return {place: null, partners: 0};
        }
        var partners = partnersOf(gd, inputs, lon, lat);
        draw(geo, lon, lat, partners);
        return {place: point.customdata, partners: partners.length};
      }
    }
  });
})();
