/* The practice library's writes (dashboard/pages/practices_entry.py): a practice from the form, an import
   (preview, then commit with the preview's digest) and moderation go to /api/v1/practices... (see
   dashboard/web/practices.py) with the session's CSRF token; the answers land in dcc.Store components that
   server callbacks render. */
(function () {
  "use strict";

  function post(url, csrf, body) { return window.borderlinks.post(url, csrf, body); }  // http.js

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    practices: {
      // the form's values in the order of config.fields (practices_entry.FIELDS), then the config and the language
      submit: async function (clicks, ...rest) {
        if (!clicks) { return window.dash_clientside.no_update; }
        const config = rest[rest.length - 2], lang = rest[rest.length - 1];
        const body = {lang: lang};
        config.fields.forEach(function (name, i) {
          const value = rest[i];
          body[name] = name === "sectors" ? (value || []) : (value || "");
        });
        return await post(config.base + "practices", config.csrf, body);
      },
      preview: async function (contents, filename, config, lang) {
        if (!contents) { return window.dash_clientside.no_update; }
        const input = document.querySelector("#practices-upload input[type=file]");
        if (input) { input.value = ""; }
        return await post(config.base + "practices/import/preview", config.csrf,
                          {file_name: filename, content_base64: contents, lang: lang});
      },
      commit: async function (clicks, contents, filename, preview, config, lang) {
        if (!clicks || !contents || !preview || !preview.body || !preview.body.digest) {
          return window.dash_clientside.no_update;
        }
        return await post(config.base + "practices/import/commit", config.csrf,
                          {file_name: filename, content_base64: contents, lang: lang, digest: preview.body.digest});
      },
      request: async function (clicks, place, description, sectors, countries, maxBorder, popMin, popMax,
                               languages, organisation, contact, expires, config, lang) {
        if (!clicks) { return window.dash_clientside.no_update; }
        return await post(config.base + "partner-requests", config.csrf, {
          lang: lang, place: place ? String(place) : "", description: description || "", sectors: sectors || [],
          countries: countries || [], max_border_km: maxBorder || "", population_min: popMin || "",
          population_max: popMax || "", languages: languages || "", organisation: organisation || "",
          contact: contact || "", expires_on: expires || "",
        });
      },
      moderate: async function (clicks, note, config) {
        const trigger = window.dash_clientside.callback_context.triggered_id;
        if (!trigger || !(clicks || []).some(Boolean)) { return window.dash_clientside.no_update; }
        const kind = trigger.kind === "request" ? "partner-requests/" : "practices/";
        const answer = await post(config.base + kind + trigger.key + "/moderate", config.csrf,
                                  {action: trigger.action, note: note || ""});
        return Object.assign(answer, {kind: trigger.kind, key: trigger.key, action: trigger.action});
      },
    },
  });
})();
