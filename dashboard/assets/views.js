/* Saved views (dashboard/components/save_view.py, dashboard/pages/views.py): the writes go from the browser
   to /api/v1/views (dashboard/web/views.py) with the session's CSRF token in the X-CSRF-Token header; the
   answers land in dcc.Store components that server callbacks render. Also the shell's class on /present. */
(function () {
  "use strict";

  function prefix() {
    try {
      const config = JSON.parse(document.getElementById("_dash-config").textContent);
      return config.requests_pathname_prefix || "/";
    } catch (e) { return "/"; }
  }

  /* "present" for "/present", "" for "/", under any app prefix */
  function appPath(pathname) {
    let path = pathname || "/";
    const root = prefix();
    if (root !== "/" && path.indexOf(root) === 0) { path = path.slice(root.length); }
    return path.replace(/^\/+|\/+$/g, "");
  }

  function post(url, csrf, body) { return window.borderlinks.post(url, csrf, body); }  // http.js

  function triggeredId() {
    const triggered = (window.dash_clientside.callback_context.triggered || [])[0] || {};
    if (!triggered.value) { return null; }
    const prop = triggered.prop_id || "";
    const id = prop.slice(0, prop.lastIndexOf("."));
    try { return JSON.parse(id); } catch (e) { return id; }
  }

  const noUpdate = () => window.dash_clientside.no_update;

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    savedViews: {
      appPath: appPath,

      shellClass: function (pathname) {
        return appPath(pathname) === "present" ? "app-shell presenting" : "app-shell";
      },

      toggle: function (openClicks, closeClicks, hidden) {
        const id = triggeredId();
        if (id === "save-view-close") { return true; }
        return !hidden;
      },

      save: async function (clicks, title, description, story, position, notes, config, lang) {
        if (!clicks || !config || !config.can_write) { return noUpdate(); }
        return await post(config.base, config.csrf, {
          title: title || "", description: description || "", story: story || "",
          position: position === null || position === undefined ? "" : position, notes: notes || "",
          path: "/" + appPath(window.location.pathname), query: window.location.search, lang: lang,
        });
      },

      /* the list's Earlier / Later / Delete buttons */
      act: async function (moveClicks, deleteClicks, config) {
        const id = triggeredId();
        if (!id || !config || !config.can_write) { return noUpdate(); }
        const base = config.base + "/" + encodeURIComponent(id.slug);
        if (id.type === "views-delete") {
          const title = (config.titles || {})[id.slug] || id.slug;
          if (!window.confirm((config.confirm_delete || "Delete {title}?").replace("{title}", title))) {
            return noUpdate();
          }
          const result = await post(base + "/delete", config.csrf, {});
          result.action = "delete"; result.title = title;
          return result;
        }
        const result = await post(base + "/move", config.csrf, {step: id.step});
        result.action = "move";
        return result;
      },

      /* the edit form's "Save changes" */
      update: async function (clicks, slug, title, description, story, position, notes, config, lang) {
        if (!clicks || !slug || !config || !config.can_write) { return noUpdate(); }
        const result = await post(config.base + "/" + encodeURIComponent(slug), config.csrf, {
          title: title || "", description: description || "", story: story || "",
          position: position === null || position === undefined ? "" : position, notes: notes || "", lang: lang,
        });
        result.action = "update";
        return result;
      },
    },
  });

  /* Esc closes the "Save view" form */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    const panel = document.getElementById("save-view-panel");
    if (panel && !panel.hidden) {
      const close = document.getElementById("save-view-open");
      if (close) { close.click(); event.stopPropagation(); }
    }
  });
})();
