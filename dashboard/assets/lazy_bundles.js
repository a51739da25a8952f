/* Stands in for the component libraries whose bundles the page does not load up front (see
   dashboard/component_bundles.py): window.<namespace> answers the renderer with a component that loads
   the bundle on first render and then draws the real component; `...Async` functions wait for it too.
   plotly.js loads at once but without blocking the page: until it has run, window.Plotly is a placeholder
   that dcc.Graph waits on (it resolves with the real Plotly). */
(function () {
  'use strict';
  var listing = document.getElementById('lazy-component-bundles');
  if (!listing || !window.Proxy || !window.React || !window.Promise) { return; }
  var bundles = JSON.parse(listing.textContent);
  var loading = {};

  function addScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('could not load ' + url)); };
      document.head.appendChild(script);
    });
  }

  function load(namespace) {
    if (!loading[namespace]) {
      loading[namespace] = bundles[namespace].reduce(function (previous, url) {
        return previous.then(function () { return addScript(url); });
      }, Promise.resolve());
    }
    return loading[namespace];
  }

  function stand_in(namespace) {
    var components = {};
    var proxy = new Proxy({}, {
      get: function (target, name) {
        if (typeof name !== 'string') { return undefined; }
        if (/^[A-Z]/.test(name)) {
          components[name] = components[name] || lazyComponent(namespace, name, proxy);
          return components[name];
        }
        if (/Async$/.test(name)) {
          return function () {
            var args = arguments;
            return load(namespace).then(function () { return window[namespace][name].apply(null, args); });
          };
        }
        return undefined;
      }
    });
    return proxy;
  }

  function lazyComponent(namespace, name, proxy) {
    function Lazy(props) {
      var loaded = React.useState(window[namespace] !== proxy);
      React.useEffect(function () {
        if (!loaded[0]) { load(namespace).then(function () { loaded[1](true); }); }
      }, []);
      if (window[namespace] === proxy) { return null; }
      return React.createElement(window[namespace][name], props);
    }
    Lazy.displayName = 'Lazy(' + namespace + '.' + name + ')';
    return Lazy;
  }

  function loadPlotly(url) {
    var waiting = [];
    window.Plotly = {then: function (resolve, reject) { waiting.push([resolve, reject]); }};
    addScript(url).then(function () {
      waiting.forEach(function (callbacks) { callbacks[0](window.Plotly); });
    }, function (error) {
      waiting.forEach(function (callbacks) { callbacks[1](error); });
    });
  }

  Object.keys(bundles).forEach(function (namespace) {
    if (namespace === 'Plotly') {
      if (!window.Plotly) { loadPlotly(bundles.Plotly); }
    } else if (!window[namespace]) {
      window[namespace] = stand_in(namespace);
    }
  });
})();
