/* Presentation mode (dashboard/pages/present.py): keys and the full-screen button.
   → PageDown Space: next slide · ← PageUp Shift+Space: previous · Home / End: first / last
   F: full screen (Fullscreen API) · Esc: leave to the view itself.
   A move writes ?slide=n into the URL with history.pushState and tells Dash (as dcc.Link does), so the
   page re-renders the slide and the back button steps back. */
(function () {
  "use strict";

  function deck() { return document.getElementById("present-deck"); }

  function go(href) {
    window.history.pushState({}, "", href);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  }

  function slideHref(number) {
    const params = new URLSearchParams(window.location.search);
    params.set("slide", String(number));
    return window.location.pathname + "?" + params.toString().replace(/\+/g, "%20");
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      if (document.exitFullscreen) { document.exitFullscreen(); }
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay as we are */ });
    }
  }

  function typing(target) {
    const tag = (target && target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    const current = deck();
    if (!current || !current.dataset.count || event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) {
      return;
    }
    // the URL is ahead of the rendered slide while it is drawn: count from the URL (quick key presses add up)
    const count = parseInt(current.dataset.count, 10);
    const asked = parseInt(new URLSearchParams(window.location.search).get("slide"), 10);
    const slide = Math.min(Math.max(isNaN(asked) ? parseInt(current.dataset.slide, 10) : asked, 1), count);
    let target = null;
    switch (event.key) {
      case "ArrowRight": case "PageDown": target = slide + 1; break;
      case "ArrowLeft": case "PageUp": target = slide - 1; break;
      case " ": case "Spacebar": target = event.shiftKey ? slide - 1 : slide + 1; break;
      case "Home": target = 1; break;
      case "End": target = count; break;
      case "f": case "F": event.preventDefault(); toggleFullscreen(); return;
      case "Escape":
        if (!document.fullscreenElement && current.dataset.exit) { event.preventDefault(); go(current.dataset.exit); }
        return;
      default: return;
    }
    event.preventDefault();
    target = Math.min(Math.max(target, 1), count);
    if (target !== slide) { go(slideHref(target)); }
  });

  document.addEventListener("click", function (event) {
    const button = event.target.closest && event.target.closest("#present-fullscreen");
    if (button) {
      toggleFullscreen();
      button.blur();  // so that Space moves on instead of pressing the button again
    }
  });
})();
