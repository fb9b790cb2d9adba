// The session's end on the signed-in pages (graphintel/web/expiry.py says why): the
// header's "until" in the reader's local time; the banner in the session's last minutes
// and once it has ended; and before a form is sent, a check with the server
// (/api/session) that the session still holds. A form that would not be saved is kept
// back, with what was typed in it, and the alert says so. After signing in again in
// another tab, the page's forms get the new session's token (the login made a new one),
// so they can be sent from here. On the "not saved" page, the same check lets the form be
// sent again. The pages say all this without JavaScript too; this keeps it up to date.
// All text goes into the page with textContent, never as HTML.
(function () {
  "use strict";
  var STEPS = [1, 2, 5, 10, 15];  // minutes left at which the banner changes (expiry.py)
  var WARN_MS = STEPS[STEPS.length - 1] * 60000;
  var banner = document.getElementById("session-banner");
  var alertBox = document.getElementById("session-alert");
  var resendForm = document.getElementById("resend");
  var resendStatus = document.getElementById("resend-status");
  var owner = banner ? banner.dataset.user : (resendForm ? resendForm.dataset.user : "");
  if (!owner) { return; }
  var ends = banner ? parseFloat(banner.dataset.ends) * 1000 : Date.now();
  var skew = banner ? parseFloat(banner.dataset.now) * 1000 - Date.now() : 0;
  var ended = !banner;  // the "not saved" page: its session has ended
  var other = "";       // whoever signed in since, when it is not this page's user
  var shown = null;     // the stage and end the page shows, redrawn (and so announced)
  var shownEnds = null;  // only when one of them changes
  var checking = null;

  function now() { return Date.now() + skew; }

  function local(ms) {
    var d = new Date(ms);
    var text = d.toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
    if (d.toDateString() !== new Date(now()).toDateString()) {
      text += " on " + d.toLocaleDateString([], {weekday: "short", day: "numeric",
                                                 month: "short"});
    }
    return text;
  }

  function timeEl(ms) {
    var t = document.createElement("time");
    t.className = "session-ends";
    t.dateTime = new Date(ms).toISOString();
    t.textContent = local(ms);
    return t;
  }

  function node(tag, text, attrs) {
    var e = document.createElement(tag);
    e.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function signInLink(href) {
    return node("a", "sign in again in a new tab", {href: href, target: "_blank",
                                                    rel: "noopener"});
  }

  function stage() {
    if (other) { return "other"; }
    var left = ends - now();
    if (ended || left <= 0) { return "ended"; }
    if (left > WARN_MS) { return "ok"; }
    var minutes = Math.ceil(left / 60000);
    for (var i = 0; i < STEPS.length; i++) {
      if (STEPS[i] >= minutes) { return "warn-" + STEPS[i]; }
    }
    return "ok";
  }

  function say(parts, cls) {
    var p = document.createElement("p");
    if (cls) { p.className = cls; }
    parts.forEach(function (x) {
      p.appendChild(typeof x === "string" ? document.createTextNode(x) : x);
    });
    banner.replaceChildren(p);
  }

  function render(s) {
    document.querySelectorAll("header time.session-ends").forEach(function (t) {
      t.dateTime = new Date(ends).toISOString();
      t.textContent = local(ends);
    });
    if (!banner) { return; }
    banner.dataset.stage = s;
    if (s === "ok") {
      banner.replaceChildren();
    } else if (s === "other") {
      say([node("strong", "This page is no longer signed in"), ": " + other + " has " +
           "signed in since (in another tab), not " + owner + ". Nothing is sent from " +
           "this page: copy what you typed, then reload it."], "ended");
    } else if (s === "ended") {
      say([node("strong", "Your session has ended"), " (at ", timeEl(ends), "). A form " +
           "sent from this page now is NOT saved, so none is sent: what you typed stays " +
           "here. ", signInLink("/login"), ", then come back and send it."], "ended");
    } else {
      var m = s.slice("warn-".length);
      say([node("strong", "Your session ends soon"), ", at ", timeEl(ends), " (in " +
           (m === "1" ? "a minute or less" : m + " minutes or less") + "). Send what " +
           "you are entering before then, or ", signInLink("/login?again=1"),
           ": this page then carries on in the new session, with what you typed."]);
    }
  }

  function tick() {
    var s = stage();
    if (s !== shown || ends !== shownEnds) {
      shown = s;
      shownEnds = ends;
      render(s);
      if (s !== "ended" && s !== "other" && alertBox) { alertBox.replaceChildren(); }
    }
  }

  // What the server says of this browser's session now: "ok" (the same user, the page's
  // forms given the session's token), "other" or "ended".
  function adopt(s) {
    skew = s.now * 1000 - Date.now();
    if (!s.signed_in) {
      ended = true;
      other = "";
      ends = s.ended && s.ended * 1000 <= now() ? s.ended * 1000 : Math.min(ends, now());
      return "ended";
    }
    if (s.user !== owner) {
      other = s.user;
      return "other";
    }
    other = "";
    ended = false;
    ends = s.ends * 1000;
    document.querySelectorAll("input[name=csrf]").forEach(function (i) { i.value = s.csrf; });
    document.body.dataset.csrf = s.csrf;
    return "ok";
  }

  function check() {
    if (!checking) {
      checking = fetch("/api/session", {credentials: "same-origin", cache: "no-store",
                                        headers: {"Accept": "application/json"}})
        .then(function (r) {
          if (!r.ok) { throw new Error("the session check answered " + r.status); }
          return r.json();
        })
        .then(adopt);
      var done = function () { checking = null; tick(); };
      checking.then(done, done);
    }
    return checking;
  }

  function send(form, submitter) {
    form.dataset.sessionChecked = "yes";
    if (form.requestSubmit) {
      form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      return;
    }
    if (submitter && submitter.name) {
      var copy = node("input", "", {type: "hidden", name: submitter.name,
                                    value: submitter.value});
      form.appendChild(copy);
    }
    delete form.dataset.sessionChecked;
    form.submit();
  }

  function keptBack(s) {
    var text = s === "other"
      ? "Not sent: " + other + " is signed in now, not " + owner + "."
      : resendForm && !banner
        ? "Not sent: you have not signed in again yet. Sign in below (it opens a new " +
          "tab), then come back and press Send it again."
        : "Not sent: your session has ended, so it would not be saved. What you typed " +
          "is still in the form: sign in again in a new tab (the link above), then send " +
          "it again.";
    var box = alertBox || resendStatus;
    if (box) {
      box.replaceChildren(node("p", text));
      box.scrollIntoView({block: "nearest"});  // in narrow windows the bar does not stay
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)
        || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    var to = new URL(form.action, location.href).pathname;
    if (to === "/login" || to === "/logout") { return; }
    if (form.dataset.sessionChecked === "yes") {
      delete form.dataset.sessionChecked;
      return;
    }
    event.preventDefault();
    if (form.dataset.sessionPending === "yes") { return; }
    form.dataset.sessionPending = "yes";
    var submitter = event.submitter || null;
    check().then(function (s) {
      delete form.dataset.sessionPending;
      if (s === "ok") { send(form, submitter); } else { keptBack(s); }
    }, function () {
      // no answer: the server decides (a form without its session is refused there)
      delete form.dataset.sessionPending;
      send(form, submitter);
    });
  }, true);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { check().catch(function () {}); }
  });
  window.addEventListener("focus", function () { check().catch(function () {}); });
  if (resendForm) { resendForm.hidden = false; }
  tick();
  setInterval(tick, 1000);
}());
