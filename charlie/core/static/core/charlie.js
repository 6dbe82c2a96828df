/* Charlie's few scripts, loaded by base.html after DKFDS (a file, so the CSP needs no inline
   script). Everything here is an enhancement: every page works without it. */
(function () {
  "use strict";

  /* DKFDS's mobile drawer: the header's "Menu" button opens the menu, the user and "Log af" in a
     dialog below 992 px (a phone, or 200 % zoom); Escape and "Luk" close it, and focus is
     trapped in it while open. Only DKFDS's navigation and the menu's dropdowns are started:
     Charlie's other markup does not use DKFDS's scripted components. */
  if (window.DKFDS && document.querySelector(".js-menu-open")) {
    new window.DKFDS.Navigation().init();
  }

  /* The main menu's groups (core/_menu.html) fold out with DKFDS's Dropdown: the button says
     whether its list is open (aria-expanded), Escape, a click outside and focus leaving the
     group close it. */
  if (window.DKFDS) {
    // Not DKFDS's own "Mere" list (li.more-option), which its Navigation has started already.
    var groups = document.querySelectorAll(
      ".mainmenu > li:not(.more-option) .submenu > .js-dropdown"
    );
    for (var g = 0; g < groups.length; g++) {
      new window.DKFDS.Dropdown(groups[g]).init();
    }
  }

  /* Wide tables scroll inside their own box (DKFDS's .table--responsive-scroll), and so do
     charts (.charlie-chart: core/charts.py draws them at their own size). A box that scrolls
     must be reachable with the keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"): it
     becomes a region named by the table's caption or the chart's title, and a tab stop while it
     is wider than the screen. A box whose template already sets tabindex is left as it is. */
  var counter = 0;

  function label(box) {
    if (box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby")) {
      return true;
    }
    var caption = box.querySelector("caption") || box.querySelector("svg > title");
    if (!caption || !caption.textContent.trim()) {
      return false;
    }
    if (!caption.id) {
      counter += 1;
      caption.id = "charlie-table-caption-" + counter;
    }
    box.setAttribute("aria-labelledby", caption.id);
    return true;
  }

  function scrollBoxes() {
    var boxes = document.querySelectorAll(".table--responsive-scroll, .charlie-chart");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.hasAttribute("tabindex") && !box.hasAttribute("data-charlie-scroll")) {
        continue; // the template made it a focusable region itself
      }
      var named = label(box);
      if (named && !box.hasAttribute("role")) {
        box.setAttribute("role", "region");
      }
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-charlie-scroll", "");
      } else if (box.hasAttribute("data-charlie-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-charlie-scroll");
      }
    }
  }

  var pending = null;
  function later() {
    if (pending === null) {
      pending = window.requestAnimationFrame(function () {
        pending = null;
        scrollBoxes();
      });
    }
  }

  /* Long work shows that it is working: when a form marked data-charlie-busy (core/_busy.html)
     is sent, its status line says what is being done (a live region, so a screen reader hears
     it; the form is not marked aria-busy, which would keep a screen reader from reading the
     region inside it), its submit buttons say they are disabled, and a second press does not
     send it again. */
  function setButtons(form, busy) {
    var buttons = form.querySelectorAll("button[type=submit], button:not([type])");
    for (var i = 0; i < buttons.length; i++) {
      if (busy) {
        buttons[i].setAttribute("aria-disabled", "true");
      } else {
        buttons[i].removeAttribute("aria-disabled");
      }
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-charlie-busy")) {
      return;
    }
    if (form.classList.contains("is-busy")) {
      event.preventDefault(); // already sent: wait for the answer
      return;
    }
    form.classList.add("is-busy");
    setButtons(form, true);
    var status = form.querySelector(".charlie-busy");
    if (status) {
      status.querySelector(".charlie-busy-text").textContent = status.getAttribute("data-busy-text");
    }
  });
  // Back to a page from the browser's cache: the form is no longer busy.
  window.addEventListener("pageshow", function () {
    var busy = document.querySelectorAll("form[data-charlie-busy].is-busy");
    for (var i = 0; i < busy.length; i++) {
      busy[i].classList.remove("is-busy");
      setButtons(busy[i], false);
      var text = busy[i].querySelector(".charlie-busy-text");
      if (text) {
        text.textContent = "";
      }
    }
  });

  scrollBoxes();
  window.addEventListener("resize", later);
  // htmx swaps in new tables (search results, filters, pages).
  document.body.addEventListener("htmx:afterSettle", later);
})();
