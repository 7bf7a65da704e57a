// Runs in <head>, before the page is drawn, so the chosen theme applies with no flash.
(function () {
  try {
    var saved = window.localStorage.getItem("handbook-theme");
    if (saved === "dark" || saved === "light") document.documentElement.setAttribute("data-theme", saved);
  } catch (e) { /* storage can be blocked; the system setting then applies */ }
  document.documentElement.classList.add("js");
})();
