// Runs after require.js and before the widget html-manager. The manager is an AMD module
// whose fonts are found relative to its module address, by default a CDN-style path relative
// to the page; point that address at this script's folder (the book's _static), where the
// fonts are.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  window.__jupyter_widgets_assets_path__ = here;
  var folder = here.replace(/\/$/, "");
  // Longest prefix wins: the bundle itself, then the modules it defines.
  window.requirejs.config({
    paths: { "@jupyter-widgets/html-manager/dist": folder, "@jupyter-widgets": folder },
  });
})();
