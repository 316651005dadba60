// The launch button opens the notebook generated from this page (`legcourse notebooks`, run by
// postBuild), not its MyST source: Jupyter Book links Binder to book/<page>.md or .ipynb, and
// the generated notebook of that page is notebooks/<page>.ipynb.
(function () {
  function notebookUrl(url) {
    return url.replace(
      /(urlpath=[^&#]*?)(?:\.\/)?book\/([^&#]+?)\.(?:md|ipynb)(?=$|[&#])/,
      "$1notebooks/$2.ipynb"
    );
  }
  window.legcourseNotebookUrl = notebookUrl;
  function rewrite() {
    document.querySelectorAll('a[href*="urlpath="]').forEach(function (link) {
      link.setAttribute("href", notebookUrl(link.getAttribute("href")));
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", rewrite);
  } else {
    rewrite();
  }
})();
