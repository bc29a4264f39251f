import { createHash } from "node:crypto";

/**
 * The page's only script, a progressive enhancement: the page is complete without it. It adds a
 * "Copy link" button next to the shareable link of a result. Served from a content-hashed URL, so
 * the CSP can stay `script-src 'self'` with no inline script.
 */
export const SCRIPT = `"use strict";
document.querySelectorAll("[data-copy-link]").forEach(function (button) {
  if (!navigator.clipboard) return;
  var status = document.getElementById(button.getAttribute("aria-describedby"));
  button.hidden = false;
  button.addEventListener("click", function () {
    var url = new URL(button.getAttribute("data-copy-link"), location.href).href;
    navigator.clipboard.writeText(url).then(
      function () { if (status) status.textContent = "Link copied to the clipboard."; },
      function () { if (status) status.textContent = "Could not copy; use the link instead."; }
    );
  });
});
`;

export const SCRIPT_PATH = `/assets/app.${createHash("sha256").update(SCRIPT).digest("hex").slice(0, 12)}.js`;
