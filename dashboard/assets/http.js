/* One helper for the pages' writes (dashboard/assets/registry.js, views.js): a JSON POST to one of the app's
   endpoints with the session's CSRF token in the X-CSRF-Token header. It never throws: the answer is
   {status, body, at}, with status 0 and the reason when the request did not reach the server. */
window.borderlinks = window.borderlinks || {};
window.borderlinks.post = async function (url, csrf, body) {
  "use strict";
  try {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf || ""},
      body: JSON.stringify(body || {}),
    });
    let data;
    try { data = await response.json(); } catch (e) { data = {error: response.statusText}; }
    return {status: response.status, body: data, at: Date.now()};
  } catch (error) {
    return {status: 0, body: {error: String(error)}, at: Date.now()};
  }
};
