/*
 * The build page's filter box: a row stays when every word typed appears in one of its cells, in any case.
 * Rows are hidden, never removed, so Jenkins' sortable tables keep sorting all of them. A ?filter= in the
 * page's address fills the box, so a filtered view can be linked; the page then lists only the rows it keeps,
 * also of those a long table leaves out, and Enter in the box asks for that.
 */
(function () {
  function apply(input) {
    const words = input.value.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
    let shown = 0;
    let rows = 0;
    document.querySelectorAll("table.ado-work-items-rows > tbody > tr").forEach((row) => {
      const text = row.textContent.toLowerCase();
      const match = words.every((word) => text.includes(word));
      row.style.display = match ? "" : "none";
      rows++;
      if (match) {
        shown++;
      }
    });
    const none = document.getElementById("ado-work-items-filter-none");
    if (none) {
      none.hidden = shown > 0 || (rows === 0 && words.length === 0);
    }
  }

  function start() {
    const input = document.getElementById("ado-work-items-filter");
    if (!input) {
      return;
    }
    input.addEventListener("input", () => apply(input));
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.keyCode === 13) {
        event.preventDefault();
        const words = input.value.trim();
        // without the "?", which HtmlUnit would keep as part of the query
        window.location.search = words.length > 0 ? "filter=" + encodeURIComponent(words) : "";
      }
    });
    apply(input);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
