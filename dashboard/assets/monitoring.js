/* The /monitoring page's plan import (dashboard/pages/monitoring.py): the file goes to the monitoring
   endpoints (/api/v1/monitoring/plans[/preview], see dashboard/web/monitoring.py) with the session's CSRF
   token; the answers land in dcc.Store components that a server callback words. Nothing is written until
   the editor confirms a preview without rejected rows. */
(function () {
  "use strict";

  function post(url, csrf, body) { return window.borderlinks.post(url, csrf, body); }  // http.js

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    monitoring: {
      preview: async function (contents, filename, config, lang) {
        if (!contents) { return window.dash_clientside.no_update; }
        return await post(config.base + "plans/preview", config.csrf,
                          {file_name: filename, content_base64: contents, lang: lang});
      },
      editItem: async function (changed, config) {
        const change = Array.isArray(changed) ? changed[0] : changed;
        if (!change || !change.data) { return window.dash_clientside.no_update; }
        const row = change.data;
        return await post(config.base + "plan-items/" + row.item_id, config.csrf, {
          text: row.item || "", sector: row.sector_code || null, responsible: row.responsible || null,
          due_from: row.due_from_iso || null, due_to: row.due_to_iso || null, indicator: row.indicator || null,
          target: row.target === "" || row.target === null || row.target === undefined ? null : row.target,
        });
      },
      commit: async function (clicks, contents, filename, preview, title, adoptedBy, adoptedOn, countries,
                              config, lang) {
        if (!clicks || !contents || !preview || !preview.body || !preview.body.digest) {
          return window.dash_clientside.no_update;
        }
        return await post(config.base + "plans", config.csrf, {
          file_name: filename, content_base64: contents, lang: lang, digest: preview.body.digest,
          title: title || filename, adopted_by: adoptedBy || "", adopted_on: adoptedOn || "",
          countries: countries || [],
        });
      },
    },
  });
})();
