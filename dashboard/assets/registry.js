/* The registry page's writes (dashboard/pages/registry.py): every change goes to the registry's HTTP
   endpoints (/api/v1/registry/..., see dashboard/web/registry.py) with the session's CSRF token in the
   X-CSRF-Token header; the answers land in dcc.Store components that server callbacks render.
   The file's bytes never pass through a Dash callback. */
(function () {
  "use strict";

  function post(url, csrf, body) { return window.borderlinks.post(url, csrf, body); }  // http.js

  function base64Bytes(contents) {
    const data = (contents || "").split(",")[1] || "";
    const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
    return Math.floor(data.length * 3 / 4) - padding;
  }

  function tooLarge(contents, config) {
    const size = base64Bytes(contents);
    if (size > config.max_bytes) {
      return {status: 413, at: Date.now(),
              body: {refused: true, code: "too_large", size_mb: (size / 1048576).toFixed(1)}};
    }
    return null;
  }

  function cell(value) {
    if (value === null || value === undefined) { return ""; }
    if (Array.isArray(value)) { return value.join("; "); }
    return String(value);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    registry: {
      preview: async function (contents, filename, config, lang) {
        if (!contents) { return window.dash_clientside.no_update; }
        // let the browser report the same file again (a re-import after a commit)
        const input = document.querySelector("#registry-upload input[type=file]");
        if (input) { input.value = ""; }
        const refused = tooLarge(contents, config);
        if (refused) { return refused; }
        return await post(config.base + "import/preview", config.csrf,
                          {file_name: filename, content_base64: contents, lang: lang});
      },
      commit: async function (clicks, contents, filename, preview, skip, config, lang) {
        if (!clicks || !contents || !preview || !preview.body || !preview.body.digest) {
          return window.dash_clientside.no_update;
        }
        return await post(config.base + "import/commit", config.csrf, {
          file_name: filename, content_base64: contents, lang: lang, digest: preview.body.digest,
          skip_rejected: (skip || []).length > 0,
        });
      },
      save: async function (clicks, activityId, title, type, start, end, places, regions, countries,
                            twinning, corridor, organiser, source, notes, sectors, status, planItems, config, lang) {
        if (!clicks) { return window.dash_clientside.no_update; }
        const path = activityId ? "activities/" + activityId : "activities";
        return await post(config.base + path, config.csrf, {
          lang: lang, title: cell(title), type: cell(type), start_date: cell(start), end_date: cell(end),
          places: places || [], regions: regions || [], countries: countries || [],
          twinning: twinning ? String(twinning).replace("-", " – ") : "", corridor: cell(corridor),
          organiser: cell(organiser), source: cell(source), notes: cell(notes),
          sector: sectors || [], status: cell(status), plan_items: planItems || [],
        });
      },
      withdraw: async function (withdrawClicks, restoreClicks, activityId, config) {
        const triggered = (window.dash_clientside.callback_context.triggered || [])[0] || {};
        if (!activityId || !triggered.value) { return window.dash_clientside.no_update; }
        const action = triggered.prop_id.indexOf("restore") >= 0 ? "restore" : "withdraw";
        const result = await post(config.base + "activities/" + activityId + "/" + action, config.csrf, {});
        result.action = action;
        return result;
      },
      twinning: async function (clicks, placeA, placeB, status, year, source, notes, config, lang) {
        if (!clicks) { return window.dash_clientside.no_update; }
        return await post(config.base + "twinnings", config.csrf, {
          lang: lang, place_a: placeA, place_b: placeB, status: status, year_signed: year,
          source_url: source, notes: notes,
        });
      },
    },
  });
})();
