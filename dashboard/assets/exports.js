/* Figure downloads (the "Download PNG · SVG" links of dashboard/components/export_menu.py) fetched in the
   background: a map takes the server a few seconds to render, so the link shows that it is working
   (aria-busy, a spinner) while the page stays usable, then the file is saved under the server's name.
   A failure marks the link and says why in its tooltip. Ctrl/Cmd/Shift-click keeps the browser's own
   behaviour (a new tab, for example). */
(function () {
  "use strict";

  function fileName(response) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = header.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.export-link[download]") : null;
    if (!link || link.classList.contains("brief-download") || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") {
      return;  // already on its way
    }
    link.setAttribute("aria-busy", "true");
    link.classList.remove("failed");
    fetch(link.href, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (text) {
            throw new Error(response.status + " " + (text || response.statusText).slice(0, 200));
          });
        }
        return response.blob().then(function (blob) { save(blob, fileName(response)); });
      })
      .catch(function (error) {
        link.classList.add("failed");
        link.title = String(error.message || error);
      })
      .finally(function () { link.removeAttribute("aria-busy"); });
  });
})();
